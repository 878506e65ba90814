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

    /** The latest committed version, or empty when there is no table at {@code path}. */
    public static Optional<Long> version(SparkSession spark, String path) {
        if (!exists(spark, path)) {
            return Optional.empty();
        }
        Row latest = DeltaTable.forPath(spark, path).history(1).select("version").first();
        return Optional.of(latest.getLong(0));
    }
}
