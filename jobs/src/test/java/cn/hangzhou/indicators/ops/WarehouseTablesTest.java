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
    void theVersionsReadFromTheLogListingAreTheTablesLatestCommits() {
        SparkSession spark = SharedSpark.session();
        String values = warehouse.resolve("restricted/gold/values").toString();
        String runs = warehouse.resolve("ops/runs").toString();
        for (int commit = 0; commit < 3; commit++) {
            spark.range(commit + 1).write().format("delta").mode("append").save(values);
        }
        spark.range(1).write().format("delta").mode("overwrite").save(runs);

        Map<String, Long> versions = WarehouseTables.versions(spark, new WarehouseLayout(warehouse.toString()));

        assertThat(versions).containsOnlyKeys("restricted/gold/values", "ops/runs");
        assertThat(versions.get("restricted/gold/values")).isEqualTo(2L).isEqualTo(DeltaTables.version(spark, values).orElseThrow());
        assertThat(versions.get("ops/runs")).isEqualTo(0L).isEqualTo(DeltaTables.version(spark, runs).orElseThrow());
        assertThat(WarehouseTables.latestCommit(spark, warehouse.resolve("nothing").toString())).isEmpty();
    }
}
