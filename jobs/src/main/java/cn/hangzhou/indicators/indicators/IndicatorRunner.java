package cn.hangzhou.indicators.indicators;

import static org.apache.spark.sql.functions.col;

import cn.hangzhou.indicators.lineage.IndicatorLineage;
import cn.hangzhou.indicators.ops.DeltaTables;
import cn.hangzhou.indicators.ops.StageMetrics;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * {@code compute}: reads the silver tables and the ingest manifest, computes years and replaces those years in
 * {@code restricted/gold/indicator_values} and {@code analytics/gold/published_indicators} and their lineage, each
 * in one Delta commit carrying the run id. Without requested years, only the years whose inputs changed since
 * {@code ops/compute_state} recorded them are computed ({@link InputFingerprints}); with unchanged inputs nothing
 * is read but the Delta logs and nothing is written. A table whose rows for the computed years would not change is
 * not written either.
 */
public final class IndicatorRunner {

    private static final Logger LOG = LogManager.getLogger(IndicatorRunner.class);

    /** What a compute run did. */
    public record Outcome(List<Integer> years, int values, boolean indicatorValuesWritten, boolean publishedWritten) {

        static Outcome nothing() {
            return new Outcome(List.of(), 0, false, false);
        }
    }

    private final SparkSession spark;
    private final WarehouseLayout layout;
    private final IndicatorCatalogue catalogue;
    private final List<String> districtCodes;
    private final String codeRevision;

    public IndicatorRunner(SparkSession spark, WarehouseLayout layout, IndicatorCatalogue catalogue, List<String> districtCodes) {
        this(spark, layout, catalogue, districtCodes, "unknown");
    }

    /** @param codeRevision the code's revision: the years computed by another revision are computed again */
    public IndicatorRunner(SparkSession spark, WarehouseLayout layout, IndicatorCatalogue catalogue, List<String> districtCodes,
                           String codeRevision) {
        this.spark = spark;
        this.layout = layout;
        this.catalogue = catalogue;
        this.districtCodes = List.copyOf(districtCodes);
        this.codeRevision = codeRevision;
    }

    /** @param requestedYears the years to compute, or null for the years whose inputs changed */
    public Outcome compute(List<Integer> requestedYears, String runId) {
        StageMetrics.Stage computing = StageMetrics.start("compute");
        try {
            if (requestedYears == null) {
                return computeChanged(runId, computing);
            }
            return write(computeFrom(SilverTables.read(spark, layout, null), readIfExists(layout.ingestManifest()), requestedYears),
                    runId, computing);
        } finally {
            computing.close();
        }
    }

    /** Computes the years whose inputs changed, removes the years no silver table has rows of any more, records the state. */
    private Outcome computeChanged(String runId, StageMetrics.Stage computing) {
        InputFingerprints fingerprints = new InputFingerprints(spark, layout);
        ComputeState previous = ComputeState.read(spark, layout.computeState());
        InputFingerprints.Commits commits = fingerprints.commits(
                InputFingerprints.catalogueFingerprint(catalogue, districtCodes, codeRevision));
        if (commits.fingerprints().equals(previous.inputs())) {
            LOG.info("no input has a new commit since the values were computed: nothing to compute");
            return Outcome.nothing();
        }
        // read at the versions fingerprinted, whatever is committed meanwhile
        Map<String, Dataset<Row>> silver = SilverTables.read(spark, layout, commits.silverVersions());
        Dataset<Row> manifest = commits.manifestVersion() == null ? null : spark.read().format("delta")
                .option("versionAsOf", commits.manifestVersion()).load(layout.ingestManifest());
        ComputeState current = fingerprints.current(previous, commits, silver, manifest, runId);
        List<Integer> years = current.changedYears(previous);
        Outcome outcome = years.isEmpty() ? Outcome.nothing() : write(computeFrom(silver, manifest, years), runId, computing);
        removeYears(current.removedYears(previous));
        if (!current.sameInputsAs(previous)) {
            current.write(spark, layout.computeState(), runId);
        }
        return outcome;
    }

    /** Replaces the computed years: values, then published values, then lineage. */
    private Outcome write(Computed computed, String runId, StageMetrics.Stage computing) {
        List<Integer> years = computed.years();
        if (years.isEmpty()) {
            LOG.info("no years to compute");
            return Outcome.nothing();
        }
        try {
            List<IndicatorValue> values = computed.result().values();
            computing.rows(values.size()).close();
            Timestamp computedAt = Timestamp.from(Instant.now());
            StageMetrics.Stage publishing = StageMetrics.start("publish").rows(values.size());
            boolean valuesWritten = replaceYears(layout.indicatorValues(),
                    GoldTables.indicatorValues(spark, values, runId, computedAt), years, runId);
            boolean publishedWritten = replaceYears(layout.publishedIndicators(),
                    GoldTables.publishedIndicators(spark, Publication.publish(values, catalogue), runId, computedAt), years, runId);
            publishing.close();
            StageMetrics.Stage tracing = StageMetrics.start("lineage");
            boolean lineageWritten = writeLineage(computed.result().lineageRows(), years, runId);
            tracing.close();
            LOG.info("computed {} values for {}: indicator_values {}, published_indicators {}, lineage {}", values.size(), years,
                    valuesWritten ? "written" : "unchanged", publishedWritten ? "written" : "unchanged",
                    lineageWritten ? "written" : "unchanged");
            return new Outcome(years, values.size(), valuesWritten, publishedWritten);
        } finally {
            // the silver tables and contributions cached for the computation
            computed.release();
        }
    }

    /** Deletes the rows of years whose silver rows are all gone, as a computation from scratch would not have them. */
    private void removeYears(List<Integer> years) {
        if (years.isEmpty()) {
            return;
        }
        String condition = yearCondition(years);
        for (String path : List.of(layout.indicatorValues(), layout.publishedIndicators(),
                layout.lineage(IndicatorLineage.ROWS_TABLE), layout.lineage(IndicatorLineage.SOURCES_TABLE))) {
            if (DeltaTable.isDeltaTable(spark, path)) {
                DeltaTable.forPath(spark, path).delete(condition);
            }
        }
        LOG.info("years {} have no silver rows any more: their values and lineage are removed", years);
    }

    /** The values of some years computed in memory, without writing. */
    public record Computed(List<Integer> years, IndicatorComputation.Result result, List<Dataset<Row>> cached) {

        public void release() {
            if (result != null) {
                result.release();
            }
            cached.forEach(Dataset::unpersist);
        }
    }

    /**
     * Computes from given silver tables and manifest (current ones, or read at earlier versions by
     * {@code reproduce}) without writing anything; {@link Computed#release} frees what it cached.
     */
    public Computed computeFrom(Map<String, Dataset<Row>> silver, Dataset<Row> manifest, List<Integer> requestedYears) {
        List<Integer> years = List.copyOf(new TreeSet<>(requestedYears));
        if (years.isEmpty()) {
            return new Computed(years, null, List.of());
        }
        Map<String, Dataset<Row>> silverOfYears = new LinkedHashMap<>();
        // each table is read by several definitions: read it from storage once
        silver.forEach((table, rows) -> silverOfYears.put(table,
                rows.where(col("year").isin(years.toArray())).persist(StorageLevel.MEMORY_AND_DISK())));
        DeliveryQuality quality = DeliveryQuality.of(silverOfYears, manifest);
        IndicatorComputation.Result result = new IndicatorComputation(spark, catalogue, districtCodes)
                .computeWithLineage(silverOfYears, years, quality);
        return new Computed(years, result, List.copyOf(silverOfYears.values()));
    }

    /** Replaces the years' cell lineage: the rows, then their counts per delivery; one write each. */
    private boolean writeLineage(Dataset<Row> lineageRows, List<Integer> years, String runId) {
        if (lineageRows == null) {
            return false;
        }
        Dataset<Row> rows = lineageRows.withColumn("run_id", functions.lit(runId)).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            boolean rowsWritten = replaceYears(layout.lineage(IndicatorLineage.ROWS_TABLE), rows, years, runId);
            boolean sourcesWritten = replaceYears(layout.lineage(IndicatorLineage.SOURCES_TABLE),
                    IndicatorLineage.sources(rows).withColumn("run_id", functions.lit(runId)), years, runId);
            return rowsWritten || sourcesWritten;
        } finally {
            rows.unpersist();
        }
    }

    private Dataset<Row> readIfExists(String path) {
        return DeltaTable.isDeltaTable(spark, path) ? spark.read().format("delta").load(path) : null;
    }

    /**
     * Replaces the rows of {@code years} in the Delta table at {@code path} by {@code rows} in one commit, unless
     * they are the same apart from run id and time. Returns whether it wrote.
     */
    boolean replaceYears(String path, Dataset<Row> rows, List<Integer> years, String runId) {
        String condition = yearCondition(years);
        Dataset<Row> existing = readIfExists(path);
        if (existing != null) {
            Dataset<Row> before = existing.where(condition).drop(GoldTables.RUN_COLUMNS.toArray(String[]::new));
            Dataset<Row> after = rows.select(Arrays.stream(before.columns()).map(functions::col).toArray(Column[]::new));
            // a count and an order-independent hash of every row: one aggregation a side instead of two exceptAll shuffles
            if (fingerprint(before).equals(fingerprint(after))) {
                return false;
            }
        }
        var writer = rows.write().format("delta");
        if (existing != null && !sameColumnTypes(existing, rows)) {
            // a table written by an earlier version of the pipeline (published numbers were doubles): rewritten whole
            List<Integer> stored = existing.select("year").distinct().collectAsList().stream().map(row -> row.getInt(0)).toList();
            if (!years.containsAll(stored)) {
                throw new IllegalStateException(path + " has columns of an earlier version of the pipeline and years " + stored
                        + " beyond the years computed " + years + ": run compute without --years (it recomputes every year after an upgrade)");
            }
            LOG.info("{} has columns of an earlier version: rewritten with the current ones", path);
            writer.mode("overwrite").option("overwriteSchema", "true").partitionBy("year").save(path);
            return true;
        }
        if (existing == null) {
            List<String> filtered = Arrays.stream(rows.columns())
                    .filter(name -> name.equals("indicator_id") || name.equals("district_code") || name.equals("role")).toList();
            DeltaTables.createWithStatisticsOn(spark, filtered, () -> writer.mode("overwrite").partitionBy("year").save(path));
        } else {
            writer.mode("overwrite").option("replaceWhere", condition).save(path);
        }
        return true;
    }

    private static boolean sameColumnTypes(Dataset<Row> existing, Dataset<Row> rows) {
        return Arrays.stream(existing.schema().fields()).map(field -> field.name() + " " + field.dataType()).toList()
                .equals(Arrays.stream(rows.schema().fields()).map(field -> field.name() + " " + field.dataType()).toList());
    }

    private static Row fingerprint(Dataset<Row> rows) {
        Column[] all = Arrays.stream(rows.columns()).map(functions::col).toArray(Column[]::new);
        return rows.agg(functions.count(functions.lit(1)), functions.sum(functions.xxhash64(all).cast("decimal(38,0)"))).first();
    }

    private static String yearCondition(List<Integer> years) {
        return "year IN (" + years.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")";
    }

    /** Reads the stored unsuppressed values of some years (all years when null). */
    public static List<IndicatorValue> readValues(SparkSession spark, WarehouseLayout layout, List<Integer> years) {
        return read(spark, layout.indicatorValues(), years, GoldTables::indicatorValue);
    }

    /** Reads the published rows of some years (all years when null). */
    public static List<PublishedIndicator> readPublished(SparkSession spark, WarehouseLayout layout, List<Integer> years) {
        return read(spark, layout.publishedIndicators(), years, GoldTables::publishedIndicator);
    }

    private static <T> List<T> read(SparkSession spark, String path, List<Integer> years, java.util.function.Function<Row, T> reader) {
        if (!DeltaTable.isDeltaTable(spark, path)) {
            return List.of();
        }
        Dataset<Row> rows = spark.read().format("delta").load(path);
        if (years != null) {
            rows = rows.where(col("year").isin(years.toArray()));
        }
        List<T> records = new ArrayList<>();
        for (Row row : rows.collectAsList()) {
            records.add(reader.apply(row));
        }
        return records;
    }
}
