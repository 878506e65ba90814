package cn.hangzhou.indicators.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import cn.hangzhou.indicators.config.RunSettings;
import cn.hangzhou.indicators.indicators.GoldTables;
import cn.hangzhou.indicators.indicators.IndicatorCatalogue;
import cn.hangzhou.indicators.indicators.IndicatorRunner;
import cn.hangzhou.indicators.indicators.IndicatorValue;
import cn.hangzhou.indicators.indicators.SilverTables;
import cn.hangzhou.indicators.ops.DeltaTables;
import cn.hangzhou.indicators.ops.RunContext;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/indicators reproduce}: recomputes in memory the values a compute run wrote, from the silver tables and
 * manifest at the versions recorded for that run in {@code ops/runs}, and compares them value by value.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = {"Recomputes the indicator values of a run from the table versions it read (Delta time travel), "
                + "without writing, and compares them with what the run wrote and with the rows that still carry its run id.",
                "Exit code 6 when any value differs."})
public class ReproduceCommand extends PipelineCommand {

    private static final String SILVER_PREFIX = "analytics/silver/";
    private static final String MANIFEST = "ops/ingest_manifest";
    private static final String INDICATOR_VALUES = "restricted/gold/indicator_values";

    @Option(names = "--run", required = true, paramLabel = "RUN_ID", description = "the run id of a compute or nightly run")
    String runId;

    @Override
    protected boolean recordsRun() {
        return false;
    }

    /** One value that differs: where, and stored against recomputed. */
    record Difference(String indicatorId, String districtCode, int year, String stored, String recomputed, String where) {
    }

    @Override
    protected int run(RunSettings settings, SparkSession spark, RunContext runContext) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        WarehouseLayout layout = new WarehouseLayout(settings.warehouse());
        List<Row> records = DeltaTables.exists(spark, layout.runs())
                ? spark.read().format("delta").load(layout.runs()).where(col("run_id").equalTo(lit(runId))).collectAsList()
                : List.of();
        if (records.isEmpty()) {
            err.println("unknown run id '" + runId + "'; recent runs: " + String.join(", ", recentRuns(spark, layout)));
            err.flush();
            return ExitCodes.USAGE;
        }
        // Silver and manifest as the run's computation read them. compute does not write them, so its version_before
        // and version_after agree; in a nightly run conform and check write them before compute, so the version the
        // computation read is version_after.
        Map<String, Long> silverVersions = new HashMap<>();
        Long manifestVersion = null;
        Long valuesVersion = null;
        for (Row table : records.get(0).<Row>getList(records.get(0).fieldIndex("tables"))) {
            String name = table.getAs("table");
            Long after = table.getAs("version_after");
            if (name.startsWith(SILVER_PREFIX)) {
                silverVersions.put(name.substring(SILVER_PREFIX.length()), after);
            } else if (name.equals(MANIFEST)) {
                manifestVersion = after;
            } else if (name.equals(INDICATOR_VALUES)) {
                valuesVersion = after;
            }
        }
        Dataset<Row> storedRows = valuesVersion == null ? null : spark.read().format("delta")
                .option("versionAsOf", valuesVersion).load(layout.indicatorValues()).where(col("run_id").equalTo(lit(runId)));
        List<Row> stored = storedRows == null ? List.of() : storedRows.collectAsList();
        if (stored.isEmpty()) {
            err.println("run " + runId + " wrote no indicator values (not a compute run, or its values were unchanged)");
            err.flush();
            return ExitCodes.USAGE;
        }
        TreeSet<Integer> years = new TreeSet<>();
        stored.forEach(row -> years.add(row.<Integer>getAs("year")));
        Dataset<Row> manifest = manifestVersion == null ? null
                : spark.read().format("delta").option("versionAsOf", manifestVersion).load(layout.ingestManifest());
        IndicatorRunner runner = new IndicatorRunner(spark, layout, IndicatorCatalogue.load(settings.projectHome()),
                settings.reference().districtCodes());
        IndicatorRunner.Computed computed = runner.computeFrom(SilverTables.read(spark, layout, silverVersions), manifest,
                List.copyOf(years));
        Map<String, IndicatorValue> recomputed = new HashMap<>();
        computed.result().values().forEach(value -> recomputed.put(key(value), value));
        computed.release();

        List<Difference> differences = new ArrayList<>(compare(stored, recomputed, "version " + valuesVersion));
        List<Row> current = spark.read().format("delta").load(layout.indicatorValues())
                .where(col("run_id").equalTo(lit(runId))).collectAsList();
        differences.addAll(compare(current, recomputed, "current table"));
        if (differences.isEmpty()) {
            out.println("run " + runId + ": " + stored.size() + " values match (years " + years + "; "
                    + current.size() + " of them still current)");
            out.flush();
            return ExitCodes.OK;
        }
        out.println("run " + runId + ": " + differences.size() + " differences (stored vs recomputed):");
        for (Difference difference : differences) {
            out.println("  " + difference.indicatorId() + " " + difference.districtCode() + " " + difference.year() + " ("
                    + difference.where() + "): stored " + difference.stored() + ", recomputed " + difference.recomputed());
        }
        out.flush();
        return ExitCodes.VALUES_DIFFER;
    }

    private static List<Difference> compare(List<Row> stored, Map<String, IndicatorValue> recomputed, String where) {
        List<Difference> differences = new ArrayList<>();
        for (Row row : stored) {
            IndicatorValue storedValue = GoldTables.indicatorValue(row);
            IndicatorValue value = recomputed.get(key(storedValue));
            String storedText = describe(storedValue);
            String recomputedText = value == null ? "nothing" : describe(value);
            if (!storedText.equals(recomputedText)) {
                differences.add(new Difference(storedValue.indicatorId(), storedValue.districtCode(), storedValue.year(),
                        storedText, recomputedText, where));
            }
        }
        return differences;
    }

    /** What is compared: value, numerator, denominator and quality status (doubles to 12 significant digits). */
    private static String describe(IndicatorValue value) {
        return "value " + number(value.value()) + " (" + number(value.numerator()) + "/" + number(value.denominator()) + ", "
                + value.qualityStatus() + ")";
    }

    private static String number(Double number) {
        return number == null ? "null" : new java.math.BigDecimal(number).round(new java.math.MathContext(12))
                .stripTrailingZeros().toPlainString();
    }

    private static String key(IndicatorValue value) {
        return value.indicatorId() + "|" + value.districtCode() + "|" + value.year();
    }

    private static List<String> recentRuns(SparkSession spark, WarehouseLayout layout) {
        if (!DeltaTables.exists(spark, layout.runs())) {
            return List.of("(none: no ops/runs table)");
        }
        return spark.read().format("delta").load(layout.runs()).orderBy(col("started_at").desc()).limit(10)
                .select("run_id", "command").collectAsList().stream()
                .map(row -> row.getString(0) + " (" + row.getString(1) + ")").filter(Objects::nonNull).toList();
    }
}
