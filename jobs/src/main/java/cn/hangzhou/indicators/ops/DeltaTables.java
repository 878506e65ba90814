package cn.hangzhou.indicators.ops;

import io.delta.tables.DeltaTable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Small helpers over Delta tables addressed by path: existence and current version. */
public final class DeltaTables {

    private DeltaTables() {
    }

    public static boolean exists(SparkSession spark, String path) {
        return DeltaTable.isDeltaTable(spark, path);
    }

    /** The session setting Delta takes the table properties of a table it creates from. */
    private static final String STATISTICS_COLUMNS_DEFAULT = "spark.databricks.delta.properties.defaults.dataSkippingStatsColumns";

    /**
     * Runs {@code creatingWrite}, the write that creates a table, so that the table keeps file statistics on
     * {@code columns} only (the columns queries filter on) instead of its first 32 columns.
     */
    public static void createWithStatisticsOn(SparkSession spark, java.util.List<String> columns, Runnable creatingWrite) {
        SparkSessions.withSetting(spark, STATISTICS_COLUMNS_DEFAULT, String.join(",", columns), creatingWrite);
    }

    /** A table's latest commit: its version and the time its commit file was written, in epoch milliseconds. */
    public record Commit(long version, long writtenAtMillis) {
    }

    /**
     * The latest committed version, or empty when there is no table at {@code path}: the highest
     * {@code <version>.json} of its {@code _delta_log}, from one listing rather than by loading the table's state
     * (which costs Spark jobs, for every table at every command's start and end).
     */
    public static Optional<Long> version(SparkSession spark, String path) {
        return latestCommit(spark, path).map(Commit::version);
    }

    /** The latest commit from one listing of the {@code _delta_log}, or empty when there is no table at {@code path}. */
    public static Optional<Commit> latestCommit(SparkSession spark, String path) {
        try {
            Path log = new Path(path, "_delta_log");
            FileSystem fileSystem = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
            Commit latest = null;
            for (FileStatus file : fileSystem.listStatus(log)) {
                String name = file.getPath().getName();
                if (name.length() == 25 && name.endsWith(".json") && name.chars().limit(20).allMatch(Character::isDigit)) {
                    long version = Long.parseLong(name.substring(0, 20));
                    if (latest == null || version > latest.version()) {
                        latest = new Commit(version, file.getModificationTime());
                    }
                }
            }
            return latest != null ? Optional.of(latest) : commitFromHistory(spark, path);
        } catch (FileNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the Delta log of " + path, e);
        }
    }

    private static Optional<Commit> commitFromHistory(SparkSession spark, String path) {
        if (!exists(spark, path)) {
            return Optional.empty();
        }
        Row latest = DeltaTable.forPath(spark, path).history(1).select("version", "timestamp").first();
        return Optional.of(new Commit(latest.getLong(0), latest.getTimestamp(1).getTime()));
    }
}
