package cn.hangzhou.indicators.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The reference facts shipped in {@code conf/reference/} (a copy of the contract's {@code reference/}). */
public record ReferenceData(List<District> districts) {

    public ReferenceData {
        districts = List.copyOf(districts);
    }

    public static ReferenceData load(Path referenceFolder) {
        Path file = referenceFolder.resolve("districts.csv");
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        ConfigurationException.require(!lines.isEmpty() && lines.get(0).startsWith("code,name_zh,name_en,kind,assistance_tier,census_2020_population"),
                file + " does not start with the expected header", "restore it from shared/reference/districts.csv");
        List<District> districts = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            districts.add(new District(fields[0], fields[1], fields[2], fields[3], fields[4], Long.parseLong(fields[5].trim())));
        }
        return new ReferenceData(districts);
    }

    public Optional<District> district(String code) {
        return districts.stream().filter(district -> district.code().equals(code)).findFirst();
    }

    public List<String> districtCodes() {
        return districts.stream().map(District::code).toList();
    }
}
