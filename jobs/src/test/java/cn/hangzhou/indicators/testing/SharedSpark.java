package cn.hangzhou.indicators.testing;

import cn.hangzhou.indicators.ops.SparkSessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** One small local SparkSession with Delta for the whole test JVM. */
public final class SharedSpark {

    private static SparkSession session;

    private SharedSpark() {
    }

    public static synchronized SparkSession session() {
        if (session == null) {
            Path scratch;
            try {
                scratch = Files.createTempDirectory("indicators-spark-");
                scratch.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            SparkSession.Builder builder = SparkSession.builder()
                    .appName("indicators-tests")
                    .master("local[2]")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.default.parallelism", "2")
                    .config("spark.sql.warehouse.dir", scratch.resolve("spark-warehouse").toString())
                    .config("spark.databricks.delta.snapshotPartitions", "1")
                    .config("spark.sql.adaptive.enabled", "false")
                    // tiny fixtures: compiling generated code costs more than it saves (the cross-check and `bench` run with it)
                    .config("spark.sql.codegen.wholeStage", "false")
                    .config("spark.sql.codegen.factoryMode", "NO_CODEGEN");
            SparkSessions.deltaDefaults().forEach(builder::config);
            session = builder.getOrCreate();
        }
        return session;
    }
}
