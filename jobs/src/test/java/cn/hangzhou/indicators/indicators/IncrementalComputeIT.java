package cn.hangzhou.indicators.indicators;

import static cn.hangzhou.indicators.indicators.IndicatorFixture.A;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.lineage.IndicatorLineage;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import cn.hangzhou.indicators.ops.WarehouseTables;
import cn.hangzhou.indicators.testing.ProjectFiles;
import cn.hangzhou.indicators.testing.SharedSpark;
import cn.hangzhou.indicators.testing.SilverFixtures;
import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.util.QueryExecutionListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compute} without years on Delta tables of {@link IndicatorFixture} (years 2023, 2024, 2025): it computes
 * the years whose silver rows or delivery quality changed, and with unchanged inputs reads no silver data and writes
 * no table.
 */
class IncrementalComputeIT {

    private static final IndicatorCatalogue CATALOGUE = IndicatorCatalogue.load(ProjectFiles.home());
    private static final List<String> DISTRICTS = ProjectFiles.reference().districtCodes();

    @TempDir
    Path folder;

    @Test
    void computeWithUnchangedSilverWritesNoTableAndAChangedYearIsTheOnlyOneRecomputed() {
        SparkSession spark = SharedSpark.session();
        WarehouseLayout layout = new WarehouseLayout(folder.resolve("warehouse").toString());
        IndicatorFixture.build(spark).manifest("health-2024", "passed").manifest("insurance-2024", "passed")
                .manifest("education-2024", "passed").manifest(IndicatorFixture.PAYMENTS_DELIVERY, "warned")
                .manifest(IndicatorFixture.DISABILITY_DELIVERY, "rejected").write(layout);
        IndicatorRunner runner = new IndicatorRunner(spark, layout, CATALOGUE, DISTRICTS, "revision-1");
        SilverScans scans = new SilverScans();
        spark.listenerManager().register(scans);
        try {
            List<Integer> first = new ArrayList<>();
            assertThat(scans.during(spark, () -> first.addAll(runner.compute(null, "run-1").years()))).isPositive();
            assertThat(first).containsExactly(2023, 2024, 2025);
            assertThat(runIds(spark, layout)).containsOnlyKeys(2023, 2024, 2025).allSatisfy((year, runs) ->
                    assertThat(runs).containsOnly("run-1"));
            assertMatchesComputationFromScratch(spark, layout, runner);

            Map<String, Long> versions = WarehouseTables.versions(spark, layout);
            List<Integer> unchanged = new ArrayList<>();
            assertThat(scans.during(spark, () -> unchanged.addAll(runner.compute(null, "run-2").years()))).isZero();
            assertThat(unchanged).isEmpty();
            assertThat(WarehouseTables.versions(spark, layout)).isEqualTo(versions).containsKey("ops/compute_state");
        } finally {
            spark.listenerManager().unregister(scans);
        }

        // another resident in A's register of 2023: 2023 alone is recomputed
        Dataset<Row> register2023 = new SilverFixtures(spark).fromDelivery("health-2023")
                .resident(2023, "p-baby5", "HZ330102000000013", A, "2023-02-28", "1")
                .resident(2023, "p-new", "HZ330102000000014", A, "2023-01-01", "1")
                .dataFrames().get("resident_register");
        register2023.write().format("delta").mode("overwrite").option("replaceWhere", "year = 2023")
                .save(layout.silver("resident_register"));
        assertThat(runner.compute(null, "run-3").years()).containsExactly(2023);
        Map<Integer, java.util.Set<String>> runIds = runIds(spark, layout);
        assertThat(runIds.get(2023)).containsOnly("run-3");
        assertThat(runIds.get(2024)).containsOnly("run-1");
        assertThat(runIds.get(2025)).containsOnly("run-1");
        assertMatchesComputationFromScratch(spark, layout, runner);

        // a delivery's quality outcome changes: the years with rows of it are recomputed, its values now X
        new SilverFixtures(spark).manifest("health-2024", "passed").manifest("insurance-2024", "passed")
                .manifest("education-2024", "rejected").manifest(IndicatorFixture.PAYMENTS_DELIVERY, "warned")
                .manifest(IndicatorFixture.DISABILITY_DELIVERY, "rejected").manifest("health-2023", "passed")
                .write(layout);
        assertThat(runner.compute(null, "run-4").years()).containsExactly(2023, 2024);
        assertThat(runIds(spark, layout).get(2025)).containsOnly("run-1");
        assertMatchesComputationFromScratch(spark, layout, runner);

        // another code revision recomputes every year; the values are the same, so gold is not written
        long valuesVersion = DeltaTable.forPath(spark, layout.indicatorValues()).history(1).first().<Long>getAs("version");
        IndicatorRunner revised = new IndicatorRunner(spark, layout, CATALOGUE, DISTRICTS, "revision-2");
        IndicatorRunner.Outcome recomputed = revised.compute(null, "run-5");
        assertThat(recomputed.years()).containsExactly(2023, 2024, 2025);
        assertThat(recomputed.indicatorValuesWritten()).isFalse();
        assertThat(DeltaTable.forPath(spark, layout.indicatorValues()).history(1).first().<Long>getAs("version"))
                .isEqualTo(valuesVersion);

        // the only rows of 2025 are withdrawn: 2025 goes, as a computation from scratch would not have it
        DeltaTable.forPath(spark, layout.silver("elderly_checkups")).delete("year = 2025");
        assertThat(revised.compute(null, "run-6").years()).isEmpty();
        assertThat(runIds(spark, layout)).containsOnlyKeys(2023, 2024);
        assertThat(spark.read().format("delta").load(layout.lineage(IndicatorLineage.ROWS_TABLE)).where("year = 2025").isEmpty())
                .isTrue();
        assertMatchesComputationFromScratch(spark, layout, revised);
    }

    /** The stored values, published values and lineage rows are those of every stored year computed at once. */
    private static void assertMatchesComputationFromScratch(SparkSession spark, WarehouseLayout layout, IndicatorRunner runner) {
        List<Integer> years = List.copyOf(new java.util.TreeSet<>(runIds(spark, layout).keySet()));
        IndicatorRunner.Computed computed = runner.computeFrom(SilverTables.read(spark, layout, null),
                spark.read().format("delta").load(layout.ingestManifest()), years);
        try {
            assertThat(new HashSet<>(IndicatorRunner.readValues(spark, layout, null)))
                    .isEqualTo(new HashSet<>(computed.result().values()));
            assertThat(new HashSet<>(IndicatorRunner.readPublished(spark, layout, null)))
                    .isEqualTo(new HashSet<>(Publication.publish(computed.result().values(), CATALOGUE)));
            Dataset<Row> stored = spark.read().format("delta").load(layout.lineage(IndicatorLineage.ROWS_TABLE)).drop("run_id");
            Dataset<Row> fromScratch = computed.result().lineageRows().select(stored.columns()[0],
                    java.util.Arrays.copyOfRange(stored.columns(), 1, stored.columns().length));
            assertThat(stored.exceptAll(fromScratch).isEmpty() && fromScratch.exceptAll(stored).isEmpty()).isTrue();
        } finally {
            computed.release();
        }
    }

    private static Map<Integer, java.util.Set<String>> runIds(SparkSession spark, WarehouseLayout layout) {
        Map<Integer, java.util.Set<String>> runIds = new java.util.TreeMap<>();
        for (Row row : spark.read().format("delta").load(layout.indicatorValues()).select("year", "run_id").collectAsList()) {
            runIds.computeIfAbsent(row.getInt(0), year -> new java.util.TreeSet<>()).add(row.getString(1));
        }
        return runIds;
    }

    /** Counts the queries that scan silver data files (reads of a silver table's Delta log aside). */
    private static final class SilverScans implements QueryExecutionListener {

        private static final Pattern SILVER_DATA = Pattern.compile("analytics/silver/[a-z_]++(?!/_delta_log)");
        private final AtomicInteger scans = new AtomicInteger();

        int during(SparkSession spark, Runnable action) {
            drain(spark);
            scans.set(0);
            action.run();
            drain(spark);
            return scans.get();
        }

        private static void drain(SparkSession spark) {
            try {
                spark.sparkContext().listenerBus().waitUntilEmpty();
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("the listener bus does not drain", e);
            }
        }

        @Override
        public void onSuccess(String funcName, QueryExecution execution, long durationNs) {
            count(execution);
        }

        @Override
        public void onFailure(String funcName, QueryExecution execution, Exception exception) {
            count(execution);
        }

        private void count(QueryExecution execution) {
            if (SILVER_DATA.matcher(execution.executedPlan().toString()).find()) {
                scans.incrementAndGet();
            }
        }
    }
}
