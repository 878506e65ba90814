package cn.hangzhou.indicators.indicators;

import cn.hangzhou.indicators.config.ConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The plan's printed values, {@code reference/seed_indicators.csv}: 2020 value and 2025 target by id, kept as printed. */
public record SeedIndicators(Map<String, Seed> seeds) {

    public record Seed(String id, String nameZh, String value2020, String target2025) {
    }

    private static final String HEADER = "id,table,category_zh,number,name_zh,value_2020,target_2025,province_target_2025,target_2020,kind";

    public SeedIndicators {
        seeds = Map.copyOf(seeds);
    }

    public static SeedIndicators load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        ConfigurationException.require(!lines.isEmpty() && lines.get(0).replace("\uFEFF", "").equals(HEADER),
                file + " does not start with the header " + HEADER, "restore it from shared/reference/seed_indicators.csv");
        Map<String, Seed> seeds = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> fields = splitCsvLine(line);
            ConfigurationException.require(fields.size() == 10, file + ": line '" + line + "' has " + fields.size() + " fields, not 10",
                    "restore it from shared/reference/seed_indicators.csv");
            seeds.put(fields.get(0), new Seed(fields.get(0), fields.get(4), emptyToNull(fields.get(5)), emptyToNull(fields.get(6))));
        }
        return new SeedIndicators(seeds);
    }

    public Optional<Seed> seed(String id) {
        return Optional.ofNullable(seeds.get(id));
    }

    private static String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }

    /** RFC 4180 fields of one line (the file has no embedded line breaks). */
    static List<String> splitCsvLine(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
