package cn.hangzhou.indicators.indicators;

import static cn.hangzhou.indicators.indicators.IndicatorFixture.A;
import static cn.hangzhou.indicators.indicators.IndicatorFixture.YEAR;
import static cn.hangzhou.indicators.indicators.IndicatorFixture.command;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.cli.ExitCodes;
import cn.hangzhou.indicators.cli.IndicatorsCommand;
import cn.hangzhou.indicators.config.District;
import cn.hangzhou.indicators.lineage.IndicatorLineage;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import cn.hangzhou.indicators.quality.QualityTables;
import cn.hangzhou.indicators.testing.SharedSpark;
import cn.hangzhou.indicators.testing.SilverFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.tables.DeltaTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cell lineage written by {@code compute}, {@code explain} and {@code reproduce} through the command line, on the
 * silver world of {@link IndicatorFixture}.
 *
 * <p>T2-21 (medical insurance coverage) in A = 330102, 2024, derived by hand. {@link SilverFixtures} numbers rows
 * 1, 2, 3, ... in the order they are added, across tables: the resident register is rows 1-13 (health-2024), then
 * 5 child checks, 3 elderly checks, 11 deaths, 202 population cells and 3 institutions (rows 14-237), then the
 * enrolments of insurance-2024 from row 238 on. Denominator: register persons of A with 户籍类型 1: baby1 (row 1),
 * baby2 (2), the archive without valid ID (4), old1 (6), adult1 (9), student (10): 6 rows of health-2024.
 * Numerator: those with scheme 310/390 status 1: adult1 (register row 9, enrolment 310 at row 249) and baby1 (row 1,
 * enrolment 390 at row 250): 2 rows of health-2024 and 2 of insurance-2024.
 */
class LineageIT {

    private static final String INDICATOR = "T2-21";
    private static final String CORRECTION = "insurance-2024-corrected";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    @Test
    void explainTracesValuesToDeliveriesAndRowsAndReproduceRecomputesARun() throws Exception {
        SparkSession spark = SharedSpark.session();
        Path warehouse = folder.resolve("warehouse");
        WarehouseLayout layout = new WarehouseLayout(warehouse.toString());
        IndicatorFixture.withDeliveryOutcomes(spark).write(layout);
        writeCheckResults(spark, layout);
        String[] location = {"--warehouse", warehouse.toString(), "--landing", folder.resolve("landing").toString()};

        assertThat(run(command("compute", location)).exitCode()).isEqualTo(0);
        String firstRun = spark.read().format("delta").load(layout.runs()).where("command = 'compute'")
                .select("run_id").first().getString(0);

        Printed explained = run(command("explain", location, "--indicator", INDICATOR, "--district", A, "--year", "2024",
                "--rows", "--json"));
        System.out.println(explained.out());
        assertThat(explained.exitCode()).isEqualTo(0);
        JsonNode explanation = JSON.readTree(explained.out());
        assertThat(explanation.get("numerator").asDouble()).isEqualTo(2.0);
        assertThat(explanation.get("denominator").asDouble()).isEqualTo(6.0);
        assertThat(explanation.get("run").get("run_id").asText()).isEqualTo(firstRun);
        assertThat(explanation.get("run").get("tables").toString()).contains("analytics/silver/insurance_enrolments");
        assertThat(explanation.get("definition").get("sql_resource").asText()).isEqualTo("medical_insurance_coverage.sql");
        assertThat(sources(explanation)).containsExactly(
                "denominator health-2024 6", "numerator health-2024 2", "numerator insurance-2024 2");
        assertThat(explanation.get("sources").get(0).get("file_name").asText()).isEqualTo("health-2024");
        assertThat(rows(explanation)).containsExactly(
                "denominator health-2024 1 p-baby1", "denominator health-2024 2 p-baby2", "denominator health-2024 4 null",
                "denominator health-2024 6 p-old1", "denominator health-2024 9 p-adult1", "denominator health-2024 10 p-student",
                "numerator health-2024 1 p-baby1", "numerator health-2024 9 p-adult1",
                "numerator insurance-2024 249 p-adult1", "numerator insurance-2024 250 p-baby1");

        explainsValuesComputedFromAggregates(location);

        Printed text = run(command("explain", location, "--indicator", INDICATOR, "--district", A, "--year", "2024"));
        System.out.println(text.out());
        assertThat(text.out()).contains("numerator  insurance-2024  2 rows").contains("computed by run " + firstRun);

        // a correction replaces the enrolments: adult1, baby1 and now the student (status 1) in its rows 1-3
        SilverFixtures corrected = new SilverFixtures(spark).fromDelivery(CORRECTION)
                .enrolment(YEAR, "p-adult1", "310", "1", "2015-01-01", A)
                .enrolment(YEAR, "p-baby1", "390", "1", "2023-01-10", A)
                .enrolment(YEAR, "p-student", "390", "1", "2010-01-01", A)
                .manifest("health-2024", "passed").manifest(CORRECTION, "passed").manifest("education-2024", "passed")
                .manifest(IndicatorFixture.PAYMENTS_DELIVERY, "warned").manifest(IndicatorFixture.DISABILITY_DELIVERY, "rejected");
        corrected.write(layout);
        assertThat(run(command("compute", location, "--years", "2024")).exitCode()).isEqualTo(0);
        JsonNode afterCorrection = JSON.readTree(run(command("explain", location, "--indicator", INDICATOR, "--district", A,
                "--year", "2024", "--json")).out());
        assertThat(afterCorrection.get("numerator").asDouble()).isEqualTo(3.0);
        assertThat(sources(afterCorrection)).containsExactly(
                "denominator health-2024 6", "numerator health-2024 3", "numerator " + CORRECTION + " 3");
        assertThat(spark.read().format("delta").load(layout.lineage(IndicatorLineage.ROWS_TABLE))
                .where(functions.col("file_id").equalTo("insurance-2024").and(functions.col("year").equalTo(YEAR))).isEmpty()).isTrue();

        // the first run, recomputed from the versions it read, although silver and gold have changed since
        Printed reproduced = run(command("reproduce", location, "--run", firstRun));
        System.out.println(reproduced.out());
        assertThat(reproduced.exitCode()).as(reproduced.err()).isEqualTo(0);
        assertThat(reproduced.out()).containsPattern("run " + firstRun + ": \\d+ values match");

        // 2023 still carries the first run's id (the correction recomputed 2024 only): tamper with one of its values
        DeltaTable.forPath(spark, layout.indicatorValues()).update(
                functions.col("indicator_id").equalTo("T2-03").and(functions.col("district_code").equalTo("330100"))
                        .and(functions.col("year").equalTo(2023)),
                Map.of("value", functions.lit(12345.0)));
        Printed tampered = run(command("reproduce", location, "--run", firstRun));
        System.out.println(tampered.out());
        assertThat(tampered.exitCode()).isEqualTo(ExitCodes.VALUES_DIFFER);
        assertThat(tampered.out()).contains("1 differences").contains("T2-03 330100 2023 (current table): stored value 12345");

        Printed unknown = run(command("explain", location, "--indicator", "T9-99", "--district", A, "--year", "2024"));
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown indicator id 'T9-99'").contains("T2-03, ").contains("S-02/低保");
        Printed unknownRun = run(command("reproduce", location, "--run", "no-such-run"));
        assertThat(unknownRun.exitCode()).isEqualTo(2);
        assertThat(unknownRun.err()).contains(firstRun);
    }

    /**
     * The life table, premature mortality and the minimum standard, whose SQL returns aggregates, traced through their
     * lineage_sql. Rows of {@link IndicatorFixture}: deaths D1, D2, D3, D4, D9, D10, D11 (A), D5, D6, D7 (B), D8 (2023)
     * are rows 22-32; population cells alternate A, B from row 33, A at age a being row 33 + 2a, B row 34 + 2a; the
     * payments P1-P14 are rows 278-291 of payments-2024.
     */
    private void explainsValuesComputedFromAggregates(String[] location) throws Exception {
        // T2-18, A: NCD deaths aged 30-69: D2 (63, C34.1), D4 (30, E11.9), D10 (54, C97), D11 (54, J30.0); not D1 (94),
        // D3 (external cause), D9 (J99). Denominator: A's cells of ages 30-69.
        JsonNode premature = explain(location, "T2-18", A);
        assertThat(premature.get("numerator").asDouble()).isEqualTo(4.0);
        assertThat(sources(premature)).containsExactly("denominator health-2024 40", "numerator health-2024 4");
        List<String> expected = new ArrayList<>();
        for (int age = 30; age <= 69; age++) {
            expected.add("denominator health-2024 " + (33 + 2 * age) + " null");
        }
        for (String numeratorRow : List.of("23 p-x2", "25 p-x4", "27 p-x10", "28 p-x11")) {
            expected.add("numerator health-2024 " + numeratorRow);
        }
        assertThat(rows(premature)).containsExactlyElementsOf(expected);

        // T2-20, the city: every death of 2024 with a birth date (all but D7 and D8: rows 22-30), every cell of A and B.
        JsonNode lifeExpectancy = explain(location, "T2-20", District.CITY_CODE);
        assertThat(lifeExpectancy.get("numerator").asDouble()).isEqualTo(9.0);
        assertThat(sources(lifeExpectancy)).containsExactly("denominator health-2024 202", "numerator health-2024 9");
        assertThat(rows(lifeExpectancy).stream().filter(row -> row.startsWith("numerator")).map(row -> row.split(" ")[2]))
                .containsExactly("22", "23", "24", "25", "26", "27", "28", "29", "30");

        // T2-43, A: 低保 payments of 202412, P10 reversed by P11: P7 1100, P8 1100, P9 1050, P12 1050; equally frequent,
        // the higher standard 1100 is chosen: P7 and P8 (rows 284, 285). The city adds B's P1 (1000): still P7 and P8.
        for (String district : List.of(A, District.CITY_CODE)) {
            JsonNode standard = explain(location, "T2-43", district);
            assertThat(standard.get("numerator").asDouble()).isEqualTo(1100.0);
            assertThat(sources(standard)).containsExactly("numerator " + IndicatorFixture.PAYMENTS_DELIVERY + " 2");
            assertThat(rows(standard)).containsExactly("numerator " + IndicatorFixture.PAYMENTS_DELIVERY + " 284 null",
                    "numerator " + IndicatorFixture.PAYMENTS_DELIVERY + " 285 null");
            // the quality results shown are those of the contributing delivery only
            assertThat(standard.get("quality_results")).hasSize(1);
            assertThat(standard.get("quality_results").get(0).get("rule").asText()).isEqualTo("monthly_standard_present");
        }
        JsonNode healthResults = premature.get("quality_results");
        assertThat(healthResults).hasSize(1);
        assertThat(healthResults.get(0).get("file_id").asText()).isEqualTo("health-2024");
        assertThat(healthResults.get(0).get("failing_rows").asLong()).isEqualTo(1L);
    }

    private JsonNode explain(String[] location, String indicator, String district) throws Exception {
        Printed printed = run(command("explain", location, "--indicator", indicator, "--district", district, "--year", "2024",
                "--rows", "--json"));
        assertThat(printed.exitCode()).as(printed.err()).isEqualTo(0);
        return JSON.readTree(printed.out());
    }

    /** Quality results of three deliveries, one of which contributes to nothing explained here. */
    private static void writeCheckResults(SparkSession spark, WarehouseLayout layout) {
        java.sql.Timestamp checkedAt = java.sql.Timestamp.valueOf("2025-01-05 02:00:00");
        List<Row> results = List.of(
                RowFactory.create("health-2024", "deaths.csv", "deaths", "2024", "cause_code_format", "warn", "failed", 0.01, 1L,
                        "1 row has an unknown cause code", List.of("deaths.csv row 7"), "run-q", checkedAt),
                RowFactory.create(IndicatorFixture.PAYMENTS_DELIVERY, "payments.csv", "payments", "2024", "monthly_standard_present",
                        "warn", "failed", 0.05, 1L, "1 payment without monthly standard", List.of("payments.csv row 3"), "run-q", checkedAt),
                RowFactory.create("unrelated-2024", "rolls.jsonl", "rolls", "2024", "school_exists", "drop", "failed", 0.2, 2L,
                        "2 rolls name an unknown school", List.of("rolls.jsonl row 1"), "run-q", checkedAt));
        spark.createDataFrame(results, QualityTables.CHECK_RESULTS).write().format("delta").save(layout.quality("check_results"));
    }

    private record Printed(int exitCode, String out, String err) {
    }

    private static Printed run(String... arguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream standardOut = System.out;
        PrintStream standardErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exitCode;
        try {
            exitCode = IndicatorsCommand.execute(arguments);
        } finally {
            System.setOut(standardOut);
            System.setErr(standardErr);
        }
        return new Printed(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> sources(JsonNode explanation) {
        List<String> sources = new ArrayList<>();
        explanation.get("sources").forEach(source -> sources.add(source.get("role").asText() + " "
                + source.get("file_id").asText() + " " + source.get("rows").asLong()));
        return sources;
    }

    private static List<String> rows(JsonNode explanation) {
        List<String> rows = new ArrayList<>();
        explanation.get("rows").forEach(row -> rows.add(row.get("role").asText() + " " + row.get("file_id").asText() + " "
                + row.get("row_number").asLong() + " " + row.get("person_key").asText()));
        return rows;
    }
}
