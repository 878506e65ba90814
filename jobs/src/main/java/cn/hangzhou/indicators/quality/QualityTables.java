package cn.hangzhou.indicators.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import cn.hangzhou.indicators.config.SqlLiterals;
import cn.hangzhou.indicators.ingest.BronzeWriter;
import cn.hangzhou.indicators.ingest.ManifestEntry;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The Delta tables the gate writes: {@code analytics/quality/check_results}, the {@code quality} rows of
 * {@code restricted/bronze/_quarantine}, and quality_status in {@code ops/ingest_manifest}. Every write of a
 * run replaces what an interrupted earlier check of the same deliveries left, in one commit.
 */
public final class QualityTables {

    public static final StructType CHECK_RESULTS = new StructType()
            .add("file_id", DataTypes.StringType)
            .add("source_name", DataTypes.StringType)
            .add("extract", DataTypes.StringType)
            .add("period", DataTypes.StringType)
            .add("rule", DataTypes.StringType)
            .add("severity", DataTypes.StringType)
            .add("status", DataTypes.StringType)
            .add("metric", DataTypes.DoubleType)
            .add("failing_rows", DataTypes.LongType)
            .add("message", DataTypes.StringType)
            .add("example_locations", DataTypes.createArrayType(DataTypes.StringType))
            .add("run_id", DataTypes.StringType)
            .add("checked_at", DataTypes.TimestampType);

    /** The quarantine table as ingest creates it (docs/data-model.md); the gate adds rows of stage {@code quality}. */
    public static final StructType QUARANTINE = BronzeWriter.QUARANTINE_SCHEMA;

    private final SparkSession spark;
    private final WarehouseLayout layout;

    public QualityTables(SparkSession spark, WarehouseLayout layout) {
        this.spark = spark;
        this.layout = layout;
    }

    /** Ingested deliveries the gate has not checked yet (status {@code ingested}, quality_status null), by period. */
    public List<Delivery> pendingDeliveries() {
        if (!DeltaTable.isDeltaTable(spark, layout.ingestManifest())) {
            return List.of();
        }
        Dataset<Row> manifest = spark.read().format("delta").load(layout.ingestManifest());
        // a manifest written before ingest recorded warnings has no such column: no warnings
        Column warnings = Arrays.asList(manifest.columns()).contains(ManifestEntry.INGEST_WARNINGS)
                ? col(ManifestEntry.INGEST_WARNINGS) : lit(null).cast(DataTypes.createArrayType(DataTypes.StringType));
        return manifest.where("status = 'ingested' AND quality_status IS NULL")
                .select(col("file_id"), col("source_name"), col("extract"), col("period"), col("district"), warnings)
                .orderBy("extract", "period", "source_name")
                .collectAsList().stream()
                .map(row -> new Delivery(row.getString(0), row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.isNullAt(5) ? List.of() : row.getList(5)))
                .toList();
    }

    /** Replaces the check results of these deliveries with this run's. */
    public void writeCheckResults(Collection<DeliveryOutcome> outcomes, String runId, Timestamp checkedAt) {
        List<Row> rows = new ArrayList<>();
        for (DeliveryOutcome outcome : outcomes) {
            for (RuleResult result : outcome.results()) {
                Delivery delivery = result.delivery();
                rows.add(RowFactory.create(delivery.fileId(), delivery.sourceName(), delivery.extract(), delivery.period(),
                        result.rule(), result.severity().label(), result.status(), result.metric(), result.failingRows(),
                        result.message(), result.exampleLocations(), runId, checkedAt));
            }
        }
        List<String> fileIds = outcomes.stream().map(outcome -> outcome.delivery().fileId()).toList();
        replace(spark.createDataFrame(rows, CHECK_RESULTS), layout.quality("check_results"), "file_id IN (" + quotedList(fileIds) + ")");
    }

    /** Replaces the quality-stage quarantine rows of these deliveries with {@code quarantined}. */
    public void writeQuarantine(Dataset<Row> quarantined, Collection<String> fileIds) {
        // the same nullability as ingest's table, so that an append never meets a schema mismatch
        replace(spark.createDataFrame(quarantined.selectExpr(QUARANTINE.fieldNames()).javaRDD(), QUARANTINE),
                layout.quarantine(), "stage = 'quality' AND file_id IN (" + quotedList(fileIds) + ")");
    }

    /** Sets quality_status and quality_run_id of the checked deliveries in one MERGE. */
    public void updateManifest(Map<String, QualityStatus> statuses, String runId) {
        if (statuses.isEmpty()) {
            return;
        }
        List<Row> rows = statuses.entrySet().stream().map(entry -> RowFactory.create(entry.getKey(), entry.getValue().label()))
                .collect(Collectors.toList());
        Dataset<Row> updates = spark.createDataFrame(rows, new StructType()
                .add("file_id", DataTypes.StringType).add("quality_status", DataTypes.StringType))
                .withColumn("quality_run_id", lit(runId));
        DeltaTable.forPath(spark, layout.ingestManifest()).as("manifest")
                .merge(updates.as("checked"), col("manifest.file_id").equalTo(col("checked.file_id")))
                .whenMatched().updateExpr(Map.of("quality_status", "checked.quality_status", "quality_run_id", "checked.quality_run_id"))
                .execute();
    }

    private void replace(Dataset<Row> rows, String path, String predicate) {
        if (!DeltaTable.isDeltaTable(spark, path)) {
            rows.write().format("delta").mode("append").save(path);
            return;
        }
        rows.write().format("delta").mode("overwrite").option("replaceWhere", predicate).save(path);
    }

    static String quotedList(Collection<String> values) {
        return values.isEmpty() ? "NULL" : values.stream().map(SqlLiterals::stringLiteral).collect(Collectors.joining(", "));
    }
}
