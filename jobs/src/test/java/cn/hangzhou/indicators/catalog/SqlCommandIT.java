package cn.hangzhou.indicators.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.cli.IndicatorsCommand;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import cn.hangzhou.indicators.testing.SharedSpark;
import cn.hangzhou.indicators.testing.SilverFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bin/indicators sql} on the Delta tables of the indicator fixture: names, time travel, formats, the restricted zone. */
class SqlCommandIT {

    @TempDir
    Path folder;

    record Result(int exitCode, String out, String err) {
    }

    @Test
    void statisticiansQueryTablesByNameWithTimeTravelAndAuditorsQueriesAreRecorded() throws Exception {
        SparkSession spark = SharedSpark.session();
        Path warehouse = folder.resolve("warehouse");
        WarehouseLayout layout = new WarehouseLayout(warehouse.toString());
        SilverFixtures silver = cn.hangzhou.indicators.indicators.IndicatorFixture.build(spark);
        silver.write(layout);
        String[] location = {"--warehouse", warehouse.toString(), "--landing", folder.resolve("landing").toString()};
        assertThat(IndicatorsCommand.execute(concat(new String[] {"compute"}, location))).isZero();

        long published = spark.read().format("delta").load(layout.publishedIndicators()).count();
        Result count = sql(location, "--csv", "SELECT count(*) AS n FROM gold.published_indicators");
        assertThat(count.exitCode()).isZero();
        assertThat(count.out()).isEqualTo("n\n" + published + "\n");

        // time travel: the register before and after some rows are deleted
        long registerRows = spark.read().format("delta").load(layout.silver("resident_register")).count();
        long version = io.delta.tables.DeltaTable.forPath(spark, layout.silver("resident_register")).history(1).first().<Long>getAs("version");
        io.delta.tables.DeltaTable.forPath(spark, layout.silver("resident_register")).delete("year = 2024 AND residence_district = '330105'");
        long afterDelete = spark.read().format("delta").load(layout.silver("resident_register")).count();
        assertThat(afterDelete).isLessThan(registerRows);
        Result travel = sql(location, "--json", "SELECT (SELECT count(*) FROM silver.resident_register VERSION AS OF " + version + ") AS first,"
                + " (SELECT count(*) FROM silver.resident_register) AS now");
        JsonNode row = new ObjectMapper().readTree(travel.out().strip());
        assertThat(row.get("first").asLong()).isEqualTo(registerRows);
        assertThat(row.get("now").asLong()).isEqualTo(afterDelete);

        Result table = sql(location, "SELECT indicator_id, district_code FROM gold.published_indicators WHERE indicator_id = 'T2-03'"
                + " ORDER BY district_code LIMIT 2");
        assertThat(table.out()).startsWith("indicator_id | district_code\n-------------+--------------\nT2-03        | 330100\n")
                .endsWith("(2 rows)\n");
        Result listing = sql(location, "--csv", "SHOW TABLES IN gold");
        assertThat(listing.out()).contains("published_indicators").doesNotContain("indicator_values");

        // the restricted zone: refused by name, not reachable by path, readable with the role and then recorded
        Result refused = sql(location, "SELECT * FROM gold.indicator_values");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("refused").contains("gold.indicator_values is in the restricted zone").contains("--restricted");
        Result quoted = sql(location, "SELECT * FROM `gold` . `indicator_values`");
        assertThat(quoted.err()).contains("refused");
        Result byPath = sql(location, "SELECT count(*) FROM delta.`" + layout.indicatorValues() + "`");
        assertThat(byPath.exitCode()).isEqualTo(2);
        assertThat(byPath.out()).isEmpty();
        assertThat(new java.io.File(warehouse.resolve(SqlQuery.AUDIT_TABLE).toString())).doesNotExist();
        // comments, quoting, re-enabling SQL on files, a view over the restricted folder: refused, nothing printed, no trace
        for (String statement : List.of("SELECT * FROM gold/**/.indicator_values", "SELECT * FROM `gold`.indicator_values -- x",
                "SET spark.sql.runSQLOnFiles=true", "CREATE TEMPORARY VIEW v USING delta OPTIONS (path '" + layout.indicatorValues() + "')",
                "SELECT * FROM json.`" + warehouse + "/restricted/bronze`")) {
            Result bypass = sql(location, statement);
            assertThat(bypass.exitCode()).as(statement).isEqualTo(2);
            assertThat(bypass.out()).as(statement).isEmpty();
            assertThat(bypass.err()).as(statement).contains("refused").doesNotContain("\tat ");
        }
        // explain: hostile ids and codes are unknown ones (exit 2, the valid ones listed); a year without values is no value
        for (String[] hostile : new String[][] {{"T2-03'; DROP TABLE gold.indicator_values; --", "330100", "2024"},
                {"T2-03", "330100' OR '1'='1", "2024"}, {"`T2-03`", "330100", "2024"}, {"S-02/低保' --", "330100", "2024"},
                {"T2-03", "330100\u0000", "2024"}, {"T2-03", "330100", "1999"}}) {
            Result explained = explain(location, hostile);
            assertThat(explained.exitCode()).as(String.join(" ", hostile)).isEqualTo(2);
            assertThat(explained.out()).isEmpty();
            assertThat(explained.err()).as(String.join(" ", hostile)).containsAnyOf("unknown indicator id", "unknown district code", "no value of")
                    .doesNotContain("Exception").doesNotContain("\tat ");
        }
        assertThat(explain(location, "T2-03", "330100", "2024").exitCode()).as("the same command with valid values").isZero();

        long values = spark.read().format("delta").load(layout.indicatorValues()).count();
        Result auditor = sql(location, "--restricted", "--csv", "SELECT count(*) AS n FROM gold.indicator_values");
        assertThat(auditor.exitCode()).isZero();
        assertThat(auditor.out()).isEqualTo("n\n" + values + "\n");
        List<Row> recorded = spark.read().format("delta").load(warehouse.resolve(SqlQuery.AUDIT_TABLE).toString()).collectAsList();
        assertThat(recorded).hasSize(1);
        assertThat(recorded.get(0).<String>getAs("statement")).isEqualTo("SELECT count(*) AS n FROM gold.indicator_values");
        assertThat(recorded.get(0).<String>getAs("user_name")).isEqualTo(System.getProperty("user.name"));
        assertThat(recorded.get(0).<Object>getAs("queried_at")).isNotNull();
        assertThat(spark.conf().get("spark.sql.runSQLOnFiles")).as("the session is given back as it was").isEqualTo("true");
    }

    private static Result sql(String[] location, String... arguments) {
        return run(concat(concat(new String[] {"sql"}, location), arguments));
    }

    private static Result run(String... arguments) {
        CommandLine commandLine = IndicatorsCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(arguments);
        return new Result(exitCode, out.toString().replace("\r\n", "\n"), err.toString());
    }

    private static Result explain(String[] location, String... indicatorDistrictYear) {
        return run(concat(concat(new String[] {"explain"}, location), "--indicator", indicatorDistrictYear[0], "--district",
                indicatorDistrictYear[1], "--year", indicatorDistrictYear[2]));
    }

    private static String[] concat(String[] first, String... second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
