package cn.hangzhou.indicators.ops;

import io.delta.tables.DeltaTable;
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
        String previous = spark.conf().get(STATISTICS_COLUMNS_DEFAULT, null);
        spark.conf().set(STATISTICS_COLUMNS_DEFAULT, String.join(",", columns));
        try {
            creatingWrite.run();
        } finally {
            if (previous == null) {
                spark.conf().unset(STATISTICS_COLUMNS_DEFAULT);
            } else {
                spark.conf().set(STATISTICS_COLUMNS_DEFAULT, previous);
            }
        }
    }

    /** The latest committed version, or empty when there is no table at {@code path}. */
    public static Optional<Long> version(SparkSession spark, String path) {
        if (!exists(spark, path)) {
            return Optional.empty();
        }
        Row latest = DeltaTable.forPath(spark, path).history(1).select("version").first();
        return Optional.of(latest.getLong(0));
    }
}
