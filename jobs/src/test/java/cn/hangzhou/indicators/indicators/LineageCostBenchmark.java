package cn.hangzhou.indicators.indicators;

import static org.apache.spark.sql.functions.col;

import cn.hangzhou.indicators.lineage.IndicatorLineage;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import cn.hangzhou.indicators.testing.ProjectFiles;
import cn.hangzhou.indicators.testing.SharedSpark;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;

/**
 * What cell lineage costs {@code compute} (docs/benchmarks.md, "Cell lineage"): on the silver tables of an existing
 * warehouse ({@code -Dbenchmark.warehouse=DIR}, e.g. after {@code nightly} at scale 0.01), the values alone against
 * the values plus the lineage rows and sources written as Delta tables, alternately, twice each, in one JVM.
 * Not part of the test suite: {@code mvn -o test -Dtest=LineageCostBenchmark -Dbenchmark.warehouse=DIR}.
 */
class LineageCostBenchmark {

    @Test
    void valuesAloneAgainstValuesWithLineage() throws Exception {
        String warehouse = System.getProperty("benchmark.warehouse");
        if (warehouse == null) {
            System.out.println("BENCHMARK skipped: give -Dbenchmark.warehouse=DIR (a warehouse with silver tables)");
            return;
        }
        SparkSession spark = SharedSpark.session();
        WarehouseLayout layout = new WarehouseLayout(warehouse);
        IndicatorCatalogue catalogue = IndicatorCatalogue.load(ProjectFiles.home());
        List<String> districts = ProjectFiles.reference().districtCodes();
        Map<String, Dataset<Row>> silver = new LinkedHashMap<>();
        SilverTables.read(spark, layout, null).forEach((table, rows) -> silver.put(table, rows.persist(StorageLevel.MEMORY_AND_DISK())));
        silver.values().forEach(Dataset::count);
        List<Integer> years = new ArrayList<>();
        silver.get("resident_register").select(col("year")).distinct().orderBy("year").collectAsList()
                .forEach(row -> years.add(row.getInt(0)));
        Dataset<Row> manifest = spark.read().format("delta").load(layout.ingestManifest());
        DeliveryQuality quality = DeliveryQuality.of(silver, manifest);
        Path scratch = Files.createTempDirectory("lineage-benchmark");

        for (int round = 1; round <= 2; round++) {
            long started = System.nanoTime();
            int values = new IndicatorComputation(spark, catalogue, districts).compute(silver, years, quality).size();
            double valuesSeconds = (System.nanoTime() - started) / 1e9;

            started = System.nanoTime();
            IndicatorComputation.Result result = new IndicatorComputation(spark, catalogue, districts)
                    .computeWithLineage(silver, years, quality);
            Dataset<Row> rows = result.lineageRows().persist(StorageLevel.MEMORY_AND_DISK());
            String rowsPath = scratch.resolve("round" + round + "/indicator_rows").toString();
            String sourcesPath = scratch.resolve("round" + round + "/indicator_sources").toString();
            rows.write().format("delta").partitionBy("year").save(rowsPath);
            IndicatorLineage.sources(rows).write().format("delta").partitionBy("year").save(sourcesPath);
            rows.unpersist();
            result.release();
            double withLineageSeconds = (System.nanoTime() - started) / 1e9;

            long lineageRows = DeltaTable.forPath(spark, rowsPath).toDF().count();
            long sourceRows = DeltaTable.forPath(spark, sourcesPath).toDF().count();
            System.out.printf(Locale.ROOT, "BENCHMARK round=%d years=%s values=%d values_only=%.1fs values_and_lineage=%.1fs "
                            + "lineage_rows=%d (%.1f MB) lineage_sources=%d (%.1f MB)%n", round, years, values, valuesSeconds,
                    withLineageSeconds, lineageRows, megabytes(Path.of(rowsPath)), sourceRows, megabytes(Path.of(sourcesPath)));
        }
    }

    private static double megabytes(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum() / 1e6;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
