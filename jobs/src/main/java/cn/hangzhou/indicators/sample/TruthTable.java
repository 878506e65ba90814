package cn.hangzhou.indicators.sample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** {@code _generator/truth.csv}: the value the generator calibrated for, per indicator, district (330100 city) and year. */
final class TruthTable {

    static final String CITY = "330100";

    private final Map<String, Double> values = new TreeMap<>();

    void put(String indicator, String district, int year, double value) {
        values.put(indicator + "," + district + "," + year, value);
    }

    Double get(String indicator, String district, int year) {
        return values.get(indicator + "," + district + "," + year);
    }

    void write(Path file) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("indicator_id,district_code,year,value\n");
            for (Map.Entry<String, Double> entry : values.entrySet()) {
                out.write(entry.getKey() + "," + String.format(Locale.ROOT, "%.4f", entry.getValue()) + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
