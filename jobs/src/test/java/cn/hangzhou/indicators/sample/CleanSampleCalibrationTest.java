package cn.hangzhou.indicators.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cn.hangzhou.indicators.config.ColumnType;
import cn.hangzhou.indicators.config.District;
import cn.hangzhou.indicators.config.ExtractSchema;
import cn.hangzhou.indicators.config.ResidentIdNumbers;
import cn.hangzhou.indicators.testing.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A clean sample (--defects 0): no defects, valid IDs, district totals and indicator rates as calibrated. */
class CleanSampleCalibrationTest {

    private static final int YEAR = 2021;
    private static final double SCALE = 0.002;

    @TempDir
    static Path out;
    static GeneratedTree tree;

    @BeforeAll
    static void generate() {
        GeneratedTree.generate(out, SCALE, YEAR, YEAR, 3, 0);
        tree = new GeneratedTree(out);
    }

    @Test
    void cleanDataHasNoDefectsAndNoRedelivery() {
        assertThat(tree.defects).isEmpty();
        assertThat(out.resolve("_redelivery")).doesNotExist();
    }

    @Test
    void everyIdNumberIsValid() {
        long checked = 0;
        for (ExtractSchema schema : GeneratedTree.SCHEMAS.inContractOrder()) {
            int column = schema.columns().stream().filter(c -> c.type() == ColumnType.ID_NUMBER).findFirst()
                    .map(schema.columns()::indexOf).orElse(-1);
            if (column < 0) {
                continue;
            }
            for (String file : tree.files(schema.id())) {
                for (GeneratedTree.Row row : tree.cleanRows(file, schema)) {
                    String id = row.fields().get(column);
                    if (!(id.isEmpty() && schema.columns().get(column).nullable())) {
                        assertThat(ResidentIdNumbers.isValid(id)).as(file + ":" + row.line() + " " + id).isTrue();
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(50_000);
    }

    @Test
    void districtPopulationsFollowTheCensusAndTheGrowthFactor() {
        ExtractSchema schema = GeneratedTree.SCHEMAS.get("reference/population");
        Map<String, Long> totals = new HashMap<>();
        for (GeneratedTree.Row row : tree.cleanRows(tree.files(schema.id()).get(0), schema)) {
            totals.merge(row.fields().get(1), Long.parseLong(row.fields().get(4)), Long::sum);
        }
        List<District> districts = ProjectFiles.reference().districts();
        assertThat(totals).hasSize(districts.size());
        for (District district : districts) {
            double expected = district.census2020Population() * SCALE * Calibration.growthFactor(YEAR);
            assertThat((double) totals.get(district.code())).as(district.code()).isCloseTo(expected, within(expected * 0.01));
        }
        assertThat(Calibration.growthFactor(YEAR)).isCloseTo(12.204 / 11.93601, within(1e-9));
    }

    @Test
    void elderlyHealthManagementRateIsNearTheCalibratedValue() {
        assertThat(rate(ids("health/elderly_checkups", 1), 65, 200, 1000)).isCloseTo(truth("T2-27"), within(3.5));
    }

    @Test
    void infantHealthManagementRateIsNearTheCalibratedValue() {
        assertThat(rate(ids("health/child_checkups", 1), 0, 2, 200)).isCloseTo(truth("T2-03"), within(4.0));
    }

    /** Percentage of the register aged between the bounds at year end whose ID is among the ones given. */
    private static double rate(Set<String> numerator, int fromAge, int toAge, long minimumDenominator) {
        long denominator = 0;
        long hits = 0;
        for (Map.Entry<String, String[]> entry : register().entrySet()) {
            int age = YEAR - Integer.parseInt(entry.getValue()[4].substring(0, 4));
            if (age >= fromAge && age <= toAge) {
                denominator++;
                hits += numerator.contains(entry.getKey()) ? 1 : 0;
            }
        }
        assertThat(denominator).isGreaterThan(minimumDenominator);
        return 100.0 * hits / denominator;
    }

    /** Resident register of the year: archives in status 1, one per person (the one opened last). */
    private static Map<String, String[]> register() {
        ExtractSchema schema = GeneratedTree.SCHEMAS.get("health/residents");
        Map<String, String[]> register = new HashMap<>();
        for (GeneratedTree.Row row : tree.cleanRows(tree.files(schema.id()).get(0), schema)) {
            String[] fields = row.fields().toArray(String[]::new);
            if (fields[8].equals("1")) {
                register.merge(fields[1], fields, (a, b) -> a[7].compareTo(b[7]) >= 0 ? a : b);
            }
        }
        return register;
    }

    private static Set<String> ids(String extractId, int column) {
        ExtractSchema schema = GeneratedTree.SCHEMAS.get(extractId);
        Set<String> ids = new HashSet<>();
        for (String file : tree.files(extractId)) {
            tree.cleanRows(file, schema).forEach(row -> ids.add(row.fields().get(column)));
        }
        return ids;
    }

    private static double truth(String indicator) {
        try {
            return Files.readAllLines(out.resolve("_generator/truth.csv")).stream()
                    .filter(line -> line.startsWith(indicator + ",330100," + YEAR + ","))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(',') + 1))).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
