package cn.hangzhou.indicators.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import cn.hangzhou.indicators.config.SqlLiterals;
import cn.hangzhou.indicators.ops.DeltaTables;
import cn.hangzhou.indicators.ops.RunContext;
import cn.hangzhou.indicators.ops.SparkSessions;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the parsed rows of a run to the bronze tables (one row per delivered record, one commit per extract
 * replacing the rows of the run's source names) and to the quarantine (one row per unreadable record, one
 * commit per run), and removes rows a crashed run left behind.
 */
public final class BronzeWriter {

    private static final Logger LOG = LoggerFactory.getLogger(BronzeWriter.class);

    public static final StructType QUARANTINE_SCHEMA = new StructType()
            .add("file_id", DataTypes.StringType, false)
            .add("row_number", DataTypes.LongType, true)
            .add("extract", DataTypes.StringType, false)
            .add("period", DataTypes.StringType, true)
            .add("source_name", DataTypes.StringType, true)
            .add("stage", DataTypes.StringType, false)
            .add("reasons", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("raw_text", DataTypes.StringType, true)
            .add("batch_id", DataTypes.StringType, false)
            .add("quarantined_at", DataTypes.TimestampType, false);

    public static final String INGEST_STAGE = "ingest";
    /** Marks a clean-up commit in the commit metadata: the table was reconciled with the manifest then. */
    static final String CLEANUP_ACTION = "\"action\":\"orphan-cleanup\"";
    private static final Pattern RUN_ID = Pattern.compile("\"run_id\":\"([^\"]+)\"");
    private static final int RECENT_COMMITS = 10;

    private final SparkSession spark;
    private final WarehouseLayout layout;

    public BronzeWriter(SparkSession spark, WarehouseLayout layout) {
        this.spark = spark;
        this.layout = layout;
    }

    /**
     * Replaces, in one commit, the bronze rows of the given source names with the parsed records; returns the
     * committed table version.
     *
     * @param records rows of {@link DeliveryReader#SCHEMA} of kind record, of this extract's ingested files only
     */
    public long writeExtract(DeliveryFormat format, Dataset<Row> records, Collection<String> sourceNames, String batchId,
                             Timestamp ingestedAt) {
        List<Column> columns = new ArrayList<>();
        for (int index = 0; index < format.names().size(); index++) {
            columns.add(col("values").getItem(index).as(format.names().get(index)));
        }
        columns.add(col("extra").as("_extra_columns"));
        columns.add(col("file_id").as("_file_id"));
        columns.add(col("row_number").as("_row_number"));
        columns.add(col("period").as("_period"));
        columns.add(col("source_name").as("_source_name"));
        columns.add(lit(batchId).as("_batch_id"));
        columns.add(lit(ingestedAt).as("_ingested_at"));
        Dataset<Row> bronze = records.select(columns.toArray(Column[]::new));
        String path = layout.bronze(format.extract());
        if (DeltaTables.exists(spark, path)) {
            bronze.write().format("delta").mode("overwrite").option("replaceWhere", "_source_name IN " + SqlLiterals.stringList(sourceNames))
                    .save(path);
        } else {
            // ingest, the gate, conform and accounting select a bronze table's rows by delivery and period
            DeltaTables.createWithStatisticsOn(spark, List.of("_file_id", "_row_number", "_period", "_source_name"),
                    () -> bronze.write().format("delta").mode("append").save(path));
        }
        return latestVersion(path);
    }

    /** Appends the quarantined rows of the run in one commit (creating the table on first use). */
    public void writeQuarantine(Dataset<Row> quarantined, String batchId, Timestamp quarantinedAt) {
        Dataset<Row> rows = quarantined.select(col("file_id"), col("row_number"), col("extract"), col("period"),
                col("source_name"), lit(INGEST_STAGE).as("stage"), col("reasons"), col("raw_text"), lit(batchId).as("batch_id"),
                lit(quarantinedAt).as("quarantined_at"));
        rows.write().format("delta").mode("append").save(layout.quarantine());
    }

    /** Creates the empty quarantine table so that readers find it before anything was quarantined. */
    public void ensureQuarantine() {
        if (!DeltaTables.exists(spark, layout.quarantine())) {
            spark.createDataFrame(List.of(), QUARANTINE_SCHEMA).write().format("delta").mode("append").save(layout.quarantine());
        }
    }

    /**
     * Deletes bronze rows whose file is not {@code ingested} in the manifest, and ingest-stage quarantine rows whose
     * file is neither ingested nor superseded: what a run that crashed before its manifest commit left behind.
     * Tables are scanned only when their history has a commit of a batch the manifest does not know (newer than
     * the last clean-up), and committed to only where there is something to delete.
     *
     * @param recordedBatches the batch ids of the manifest
     */
    public void removeOrphans(Collection<String> extracts, Set<String> ingestedFileIds, Set<String> quarantineKeptFileIds,
                              Set<String> recordedBatches) {
        for (String extract : extracts) {
            String path = layout.bronze(extract);
            if (DeltaTables.exists(spark, path) && hasUnrecordedCommits(path, recordedBatches)) {
                removeOrphans(path, "_file_id", null, ingestedFileIds);
            }
        }
        if (DeltaTables.exists(spark, layout.quarantine()) && hasUnrecordedCommits(layout.quarantine(), recordedBatches)) {
            removeOrphans(layout.quarantine(), "file_id", "stage = " + SqlLiterals.stringLiteral(INGEST_STAGE), quarantineKeptFileIds);
        }
    }

    /** Whether a commit newer than the last clean-up was made by a run that has no manifest rows (or by no run). */
    private boolean hasUnrecordedCommits(String path, Set<String> recordedBatches) {
        // newest first; the answer is nearly always in the newest commit, so read the whole history only when needed
        List<Row> recent = DeltaTable.forPath(spark, path).history(RECENT_COMMITS).select("userMetadata").collectAsList();
        Boolean decided = unrecordedCommitAmong(recent, recordedBatches);
        if (decided != null) {
            return decided;
        }
        return recent.size() >= RECENT_COMMITS && Boolean.TRUE.equals(unrecordedCommitAmong(
                DeltaTable.forPath(spark, path).history().select("userMetadata").collectAsList(), recordedBatches));
    }

    /** True at the first commit of an unknown run, false at the first clean-up, null when neither is among the commits. */
    private static Boolean unrecordedCommitAmong(List<Row> commits, Set<String> recordedBatches) {
        for (Row commit : commits) {
            String metadata = commit.isNullAt(0) ? "" : commit.getString(0);
            if (metadata.contains(CLEANUP_ACTION)) {
                return false;
            }
            Matcher runId = RUN_ID.matcher(metadata);
            if (!runId.find() || !recordedBatches.contains(runId.group(1))) {
                return true;
            }
        }
        return null;
    }

    private void removeOrphans(String path, String fileIdColumn, String condition, Set<String> kept) {
        Dataset<Row> table = spark.read().format("delta").load(path);
        if (condition != null) {
            table = table.where(condition);
        }
        List<String> orphans = table.select(fileIdColumn).distinct().collectAsList().stream()
                .map(row -> row.getString(0)).filter(fileId -> !kept.contains(fileId)).sorted().toList();
        if (orphans.isEmpty()) {
            return;
        }
        LOG.warn("removing the rows of {} file(s) from {} that no manifest row accounts for (left by an interrupted run): {}",
                orphans.size(), path, orphans);
        String predicate = fileIdColumn + " IN " + SqlLiterals.stringList(orphans);
        String runMetadata = RunContext.current().commitMetadata();
        spark.conf().set(SparkSessions.COMMIT_METADATA, runMetadata.substring(0, runMetadata.lastIndexOf('}')) + "," + CLEANUP_ACTION + "}");
        try {
            DeltaTable.forPath(spark, path).delete(condition == null ? predicate : condition + " AND " + predicate);
        } finally {
            SparkSessions.markCommits(spark);
        }
    }

    public long latestVersion(String path) {
        return DeltaTables.version(spark, path).orElseThrow();
    }
}
