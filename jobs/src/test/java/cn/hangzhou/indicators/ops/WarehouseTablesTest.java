package cn.hangzhou.indicators.ops;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.testing.SharedSpark;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarehouseTablesTest {

    @TempDir
    Path warehouse;

    @Test
    void theVersionsReadFromTheLogListingsAreTheTablesLatestCommits() {
        SparkSession spark = SharedSpark.session();
        String values = warehouse.resolve("restricted/gold/values").toString();
        String runs = warehouse.resolve("ops/runs").toString();
        for (int commit = 0; commit < 3; commit++) {
            spark.range(commit + 1).write().format("delta").mode("append").save(values);
        }
        spark.range(1).write().format("delta").mode("overwrite").save(runs);

        Map<String, Long> versions = WarehouseTables.versions(spark, new WarehouseLayout(warehouse.toString()));

        assertThat(versions).containsOnlyKeys("restricted/gold/values", "ops/runs");
        assertThat(versions.get("restricted/gold/values")).isEqualTo(2L).isEqualTo(historyVersion(spark, values));
        assertThat(versions.get("ops/runs")).isEqualTo(0L).isEqualTo(historyVersion(spark, runs));
        assertThat(DeltaTables.version(spark, warehouse.resolve("nothing").toString())).isEmpty();
    }

    private static long historyVersion(SparkSession spark, String path) {
        return io.delta.tables.DeltaTable.forPath(spark, path).history(1).select("version").first().getLong(0);
    }
}
