package cn.hangzhou.indicators.ops;

import cn.hangzhou.indicators.config.RunSettings;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** Builds the one SparkSession a command uses, with Delta Lake enabled and the profile's settings applied. */
public final class SparkSessions {

    private SparkSessions() {
    }

    public static SparkSession create(RunSettings settings, String applicationName) {
        SparkSession.Builder builder = SparkSession.builder().appName(applicationName);
        if (settings.profile().sparkMaster() != null) {
            builder.master(settings.profile().sparkMaster());
        }
        deltaDefaults().forEach(builder::config);
        settings.profile().sparkConf().forEach(builder::config);
        return builder.getOrCreate();
    }

    /** The settings every session of the pipeline needs, tests included. */
    public static Map<String, String> deltaDefaults() {
        return Map.of(
                "spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension",
                "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog",
                "spark.sql.session.timeZone", "Asia/Shanghai",
                "spark.sql.ansi.enabled", "false",
                "spark.databricks.delta.schema.autoMerge.enabled", "false");
    }
}
