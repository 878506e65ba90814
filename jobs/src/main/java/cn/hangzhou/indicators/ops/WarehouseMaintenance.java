package cn.hangzhou.indicators.ops;

import static org.apache.spark.sql.functions.col;

import cn.hangzhou.indicators.config.SqlLiterals;
import cn.hangzhou.indicators.ingest.IngestManifest;
import cn.hangzhou.indicators.ingest.ManifestEntry;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Keeps the warehouse within its retention horizon, one outcome per Delta table: the retention table properties set,
 * quarantine rows of deliveries superseded longer ago than the horizon deleted, small files compacted, and files no
 * version inside the horizon needs removed. Time travel and {@code reproduce} work for every version of the horizon.
 */
public final class WarehouseMaintenance {

    /** The shortest horizon accepted: Delta's own safety margin for files a writer may still be committing. */
    public static final Duration MINIMUM_HORIZON = Duration.ofDays(7);
    public static final String LOG_RETENTION = "delta.logRetentionDuration";
    public static final String FILE_RETENTION = "delta.deletedFileRetentionDuration";

    /** Data files (the Delta log aside) and their bytes. */
    public record Files(long count, long bytes) {
    }

    /** What maintenance did to one table. */
    public record TableOutcome(String table, Files before, Files after, boolean propertiesSet, long rowsRetired,
                               long filesCompacted) {
    }

    private final SparkSession spark;
    private final WarehouseLayout layout;
    private final Duration horizon;
    private final Instant now;

    public WarehouseMaintenance(SparkSession spark, WarehouseLayout layout, Duration horizon, Instant now) {
        if (horizon.compareTo(MINIMUM_HORIZON) < 0) {
            throw new IllegalArgumentException("a retention horizon of " + horizon.toDays() + " days is shorter than "
                    + MINIMUM_HORIZON.toDays() + " days");
        }
        this.spark = spark;
        this.layout = layout;
        this.horizon = horizon;
        this.now = now;
    }

    /** Delta's interval syntax for the horizon, as the two retention properties hold it. */
    public String horizonInterval() {
        return "interval " + horizon.toDays() + " days";
    }

    public List<TableOutcome> execute() {
        Set<String> retiredDeliveries = deliveriesSupersededBeforeHorizon();
        List<TableOutcome> outcomes = new ArrayList<>();
        for (String relative : WarehouseTables.tables(spark, layout)) {
            String path = layout.root() + "/" + relative;
            Files before = dataFiles(path);
            boolean propertiesSet = setRetention(path);
            long retired = path.equals(layout.quarantine()) ? retire(path, retiredDeliveries) : 0;
            long compacted = compact(path);
            vacuum(path);
            outcomes.add(new TableOutcome(relative, before, dataFiles(path), propertiesSet, retired, compacted));
        }
        return outcomes;
    }

    /**
     * The file ids of deliveries superseded by a delivery first seen before the horizon. Their rows left bronze when
     * they were superseded (bronze keeps the current delivery of each source file); their quarantine rows, which
     * hold the raw text with its identifiers, are kept for audit until then.
     */
    private Set<String> deliveriesSupersededBeforeHorizon() {
        IngestManifest manifest = new IngestManifest(spark, layout.ingestManifest());
        List<ManifestEntry> entries = manifest.read();
        Instant cutoff = now.minus(horizon);
        Set<String> seenBeforeCutoff = new TreeSet<>();
        for (ManifestEntry entry : entries) {
            if (entry.firstSeenAt().toInstant().isBefore(cutoff)) {
                seenBeforeCutoff.add(entry.fileId());
            }
        }
        Set<String> retired = new TreeSet<>();
        for (ManifestEntry entry : entries) {
            if (entry.supersededBy() != null && seenBeforeCutoff.contains(entry.supersededBy())) {
                retired.add(entry.fileId());
            }
        }
        return retired;
    }

    private long retire(String quarantine, Set<String> fileIds) {
        if (fileIds.isEmpty()) {
            return 0;
        }
        org.apache.spark.sql.Column retiredRows = col("file_id").isin(fileIds.toArray());
        long rows = spark.read().format("delta").load(quarantine).where(retiredRows).count();
        if (rows > 0) {
            DeltaTable.forPath(spark, quarantine).delete(retiredRows);
        }
        return rows;
    }

    /** The session setting VACUUM takes its number of listing and deleting tasks from. */
    static final String LISTING_PARALLELISM = "spark.sql.sources.parallelPartitionDiscovery.parallelism";

    /**
     * Removes the files no version inside the horizon needs. VACUUM splits its listing into as many tasks as
     * {@link #LISTING_PARALLELISM} says, 10,000 by default: 12 minutes for three tables of a few files on two cores. It gets
     * the cluster's parallelism instead, which is as many tasks as can run at once.
     */
    private void vacuum(String path) {
        SparkSessions.withSetting(spark, LISTING_PARALLELISM, String.valueOf(Math.max(1, spark.sparkContext().defaultParallelism())),
                () -> DeltaTable.forPath(spark, path).vacuum(horizon.toHours()));
    }

    /** Sets both retention properties to the horizon where they differ; true when a commit was made. */
    private boolean setRetention(String path) {
        Map<String, String> properties = DeltaTable.forPath(spark, path).detail().select("properties").first().getJavaMap(0);
        String interval = horizonInterval();
        if (interval.equals(properties.get(LOG_RETENTION)) && interval.equals(properties.get(FILE_RETENTION))) {
            return false;
        }
        spark.sql("ALTER TABLE " + SqlLiterals.qualifiedName("delta", path) + " SET TBLPROPERTIES ("
                + SqlLiterals.stringLiteral(LOG_RETENTION) + " = " + SqlLiterals.stringLiteral(interval) + ", "
                + SqlLiterals.stringLiteral(FILE_RETENTION) + " = " + SqlLiterals.stringLiteral(interval) + ")");
        return true;
    }

    /** Bin-packs small files; the number of files it replaced (0: nothing to compact, no commit). */
    private long compact(String path) {
        Row metrics = DeltaTable.forPath(spark, path).optimize().executeCompaction().select("metrics.numFilesRemoved").first();
        return metrics.isNullAt(0) ? 0 : metrics.getLong(0);
    }

    private Files dataFiles(String table) {
        try {
            Path root = new Path(table);
            FileSystem fileSystem = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            long count = 0;
            long bytes = 0;
            RemoteIterator<LocatedFileStatus> files = fileSystem.listFiles(root, true);
            while (files.hasNext()) {
                LocatedFileStatus file = files.next();
                if (!file.getPath().toUri().getPath().contains("/_delta_log/")) {
                    count++;
                    bytes += file.getLen();
                }
            }
            return new Files(count, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the files of " + table, e);
        }
    }
}
