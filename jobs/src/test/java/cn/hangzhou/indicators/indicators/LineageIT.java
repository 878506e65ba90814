package cn.hangzhou.indicators.indicators;

import static cn.hangzhou.indicators.indicators.IndicatorFixture.A;
import static cn.hangzhou.indicators.indicators.IndicatorFixture.YEAR;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.cli.IndicatorsCommand;
import cn.hangzhou.indicators.ops.WarehouseLayout;
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
        IndicatorFixture.build(spark).manifest("health-2024", "passed").manifest("insurance-2024", "passed")
                .manifest("education-2024", "passed").manifest(IndicatorFixture.PAYMENTS_DELIVERY, "warned")
                .manifest(IndicatorFixture.DISABILITY_DELIVERY, "rejected").write(layout);
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
        assertThat(tampered.exitCode()).isEqualTo(4);
        assertThat(tampered.out()).contains("1 differences").contains("T2-03 330100 2023 (current table): stored value 12345");

        Printed unknown = run(command("explain", location, "--indicator", "T9-99", "--district", A, "--year", "2024"));
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown indicator id 'T9-99'").contains("T2-03, ").contains("S-02/低保");
        Printed unknownRun = run(command("reproduce", location, "--run", "no-such-run"));
        assertThat(unknownRun.exitCode()).isEqualTo(2);
        assertThat(unknownRun.err()).contains(firstRun);
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

    private static String[] command(String name, String[] location, String... more) {
        String[] arguments = new String[1 + location.length + more.length];
        arguments[0] = name;
        System.arraycopy(location, 0, arguments, 1, location.length);
        System.arraycopy(more, 0, arguments, 1 + location.length, more.length);
        return arguments;
    }
}
