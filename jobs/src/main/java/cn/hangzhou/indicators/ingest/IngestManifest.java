package cn.hangzhou.indicators.ingest;

import cn.hangzhou.indicators.ops.DeltaTables;
import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Reads and writes {@code ops/ingest_manifest}, one row per delivered file; its commit is the commit point of a run. */
public final class IngestManifest {

    public static final StructType SCHEMA = new StructType(new StructField[] {
            DataTypes.createStructField("file_id", DataTypes.StringType, false),
            DataTypes.createStructField("path", DataTypes.StringType, false),
            DataTypes.createStructField("file_name", DataTypes.StringType, false),
            DataTypes.createStructField("source_name", DataTypes.StringType, false),
            DataTypes.createStructField("department", DataTypes.StringType, false),
            DataTypes.createStructField("extract", DataTypes.StringType, false),
            DataTypes.createStructField("period", DataTypes.StringType, false),
            DataTypes.createStructField("district", DataTypes.StringType, true),
            DataTypes.createStructField("size_bytes", DataTypes.LongType, false),
            DataTypes.createStructField("sha256", DataTypes.StringType, false),
            DataTypes.createStructField("modified_at", DataTypes.TimestampType, false),
            DataTypes.createStructField("first_seen_at", DataTypes.TimestampType, false),
            DataTypes.createStructField("batch_id", DataTypes.StringType, false),
            DataTypes.createStructField("status", DataTypes.StringType, false),
            DataTypes.createStructField("rows_read", DataTypes.LongType, true),
            DataTypes.createStructField("rows_accepted", DataTypes.LongType, true),
            DataTypes.createStructField("rows_quarantined", DataTypes.LongType, true),
            DataTypes.createStructField("bronze_version", DataTypes.LongType, true),
            DataTypes.createStructField("error_message", DataTypes.StringType, true),
            DataTypes.createStructField("extra_columns", DataTypes.createArrayType(DataTypes.StringType, false), true),
            DataTypes.createStructField("superseded_by", DataTypes.StringType, true),
            DataTypes.createStructField("quality_status", DataTypes.StringType, true),
            DataTypes.createStructField("quality_run_id", DataTypes.StringType, true),
            DataTypes.createStructField(ManifestEntry.INGEST_WARNINGS, DataTypes.createArrayType(DataTypes.StringType, false), true)});

    private final SparkSession spark;
    private final String path;

    public IngestManifest(SparkSession spark, String path) {
        this.spark = spark;
        this.path = path;
    }

    public boolean exists() {
        return DeltaTables.exists(spark, path);
    }

    public List<ManifestEntry> read() {
        if (!exists()) {
            return List.of();
        }
        List<ManifestEntry> entries = new ArrayList<>();
        Dataset<Row> table = spark.read().format("delta").load(path);
        if (!Arrays.asList(table.columns()).contains(ManifestEntry.INGEST_WARNINGS)) {
            table = table.withColumn(ManifestEntry.INGEST_WARNINGS, functions.lit(null).cast(SCHEMA.apply(ManifestEntry.INGEST_WARNINGS).dataType()));
        }
        for (Row row : table.select(columns()).collectAsList()) {
            entries.add(new ManifestEntry(row.getString(0), row.getString(1), row.getString(2), row.getString(3),
                    row.getString(4), row.getString(5), row.getString(6), row.getString(7), row.getLong(8), row.getString(9),
                    row.getTimestamp(10), row.getTimestamp(11), row.getString(12), row.getString(13), nullableLong(row, 14),
                    nullableLong(row, 15), nullableLong(row, 16), nullableLong(row, 17), row.getString(18),
                    row.isNullAt(19) ? List.of() : row.getList(19), row.getString(20), row.getString(21), row.getString(22),
                    row.isNullAt(23) ? List.of() : row.getList(23)));
        }
        return entries;
    }

    /**
     * Inserts the run's new rows and marks the superseded ones, in one commit. The first run creates the table.
     */
    public void record(List<ManifestEntry> newEntries, List<ManifestEntry> supersessions) {
        if (newEntries.isEmpty() && supersessions.isEmpty()) {
            return;
        }
        if (!exists()) {
            dataFrame(newEntries).write().format("delta").mode("append").save(path);
            return;
        }
        addIngestWarningsColumn();
        List<Row> changes = new ArrayList<>();
        newEntries.forEach(entry -> changes.add(withAction(entry, "insert")));
        supersessions.forEach(entry -> changes.add(withAction(entry, "supersede")));
        StructType changeSchema = SCHEMA.add("action", DataTypes.StringType, false);
        Dataset<Row> source = spark.createDataFrame(changes, changeSchema);
        Map<String, String> insert = new LinkedHashMap<>();
        for (String column : SCHEMA.fieldNames()) {
            insert.put(column, "change." + column);
        }
        DeltaTable.forPath(spark, path).as("manifest")
                .merge(source.as("change"), "change.action = 'supersede' AND manifest.file_id = change.file_id"
                        + " AND manifest.path = change.path AND manifest.status = 'ingested'")
                .whenMatched().updateExpr(Map.of("status", "change.status", "superseded_by", "change.superseded_by"))
                .whenNotMatched("change.action = 'insert'").insertExpr(insert)
                .execute();
    }

    /** A manifest written before ingest_warnings existed gets the column (null in its rows) before its first new row. */
    private void addIngestWarningsColumn() {
        if (!Arrays.asList(spark.read().format("delta").load(path).columns()).contains(ManifestEntry.INGEST_WARNINGS)) {
            spark.sql("ALTER TABLE delta.`" + path.replace("`", "``") + "` ADD COLUMNS (" + ManifestEntry.INGEST_WARNINGS
                    + " ARRAY<STRING>)");
        }
    }

    private Dataset<Row> dataFrame(List<ManifestEntry> entries) {
        List<Row> rows = new ArrayList<>();
        entries.forEach(entry -> rows.add(row(entry)));
        return spark.createDataFrame(rows, SCHEMA);
    }

    private static Row withAction(ManifestEntry entry, String action) {
        Object[] values = new Object[SCHEMA.size() + 1];
        Row row = row(entry);
        for (int index = 0; index < SCHEMA.size(); index++) {
            values[index] = row.get(index);
        }
        values[SCHEMA.size()] = action;
        return RowFactory.create(values);
    }

    private static Row row(ManifestEntry entry) {
        return RowFactory.create(entry.fileId(), entry.path(), entry.fileName(), entry.sourceName(), entry.department(),
                entry.extract(), entry.period(), entry.district(), entry.sizeBytes(), entry.sha256(), entry.modifiedAt(),
                entry.firstSeenAt(), entry.batchId(), entry.status(), entry.rowsRead(), entry.rowsAccepted(),
                entry.rowsQuarantined(), entry.bronzeVersion(), entry.errorMessage(), entry.extraColumns(),
                entry.supersededBy(), entry.qualityStatus(), entry.qualityRunId(),
                entry.ingestWarnings().isEmpty() ? null : entry.ingestWarnings());
    }

    private static Column[] columns() {
        return Arrays.stream(SCHEMA.fieldNames()).map(functions::col).toArray(Column[]::new);
    }

    private static Long nullableLong(Row row, int index) {
        return row.isNullAt(index) ? null : row.getLong(index);
    }
}
