package cn.hangzhou.indicators.quality;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.quality.deequ.DeequDatasetChecks;
import cn.hangzhou.indicators.testing.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Deequ's dataset checks of deliveries: all rules of all deliveries of a frame share one scan; each rule reports its own outcome. */
class DeequDatasetChecksTest {

    static final HistoryKey KEY = new HistoryKey(0L, Map.of("extract", "payments", "series", "payments"));

    final SparkSession spark = SharedSpark.session();

    Dataset<Row> delivery() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(RowFactory.create("P" + (i % 39), i % 10 == 0 ? null : "330102", i % 2 == 0 ? "1" : "2", 100.0 * i));
        }
        Dataset<Row> delivery = spark.createDataFrame(rows, new StructType().add("payment_id", DataTypes.StringType)
                .add("district", DataTypes.StringType).add("sex", DataTypes.StringType).add("amount", DataTypes.DoubleType));
        delivery.persist().count();
        return delivery;
    }

    static DatasetRule rule(String name, RuleKind kind, Severity severity, String expectation, Double minimum, Double maximum,
                            List<String> columns) {
        return new DatasetRule(new QualityRule(name, kind, severity, null, columns, null, null, null, null, expectation, minimum, maximum,
                null, null, null, null), columns);
    }

    static final List<DatasetRule> SCAN_SHAREABLE = List.of(
            rule("district_completeness", RuleKind.COMPLETENESS, Severity.WARN, null, 1.0, null, List.of("district", "payment_id")),
            rule("share_male", RuleKind.SHARE, Severity.WARN, "sex = '1'", 0.4, 0.6, List.of()),
            rule("mean_amount", RuleKind.MEAN, Severity.ERROR, null, 0.0, 1000.0, List.of("amount")));
    static final DatasetRule UNIQUENESS = rule("key_uniqueness", RuleKind.UNIQUENESS, Severity.WARN, null, 1.0, null, List.of("payment_id"));

    @Test
    void eachRuleGetsItsOutcomeAndMetric() {
        List<DatasetRule> rules = new ArrayList<>(SCAN_SHAREABLE);
        rules.add(UNIQUENESS);
        List<DatasetOutcome> outcomes = new DeequDatasetChecks(spark, null).verify(delivery(), rules, KEY);
        assertThat(outcomes).extracting(DatasetOutcome::rule)
                .containsExactly("district_completeness", "share_male", "mean_amount", "key_uniqueness");
        assertThat(outcomes).extracting(DatasetOutcome::passed).containsExactly(false, true, false, false);
        assertThat(outcomes.get(0).metric()).isEqualTo(0.9);
        assertThat(outcomes.get(1).metric()).isEqualTo(0.5);
        assertThat(outcomes.get(2).metric()).isEqualTo(1950.0);
        assertThat(outcomes.get(3).metric()).isEqualTo(38.0 / 40);
    }

    @Test
    void theRulesOfADeliveryRunAsOneSparkJobUniquenessIncluded() throws Exception {
        Dataset<Row> delivery = delivery();
        DeequDatasetChecks deequ = new DeequDatasetChecks(spark, null);
        int oneRule = jobs(() -> deequ.verify(delivery, SCAN_SHAREABLE.subList(0, 1), KEY));
        int threeRules = jobs(() -> deequ.verify(delivery, SCAN_SHAREABLE, KEY));
        List<DatasetRule> withUniqueness = new ArrayList<>(SCAN_SHAREABLE);
        withUniqueness.add(UNIQUENESS);
        int withKeyCounts = jobs(() -> deequ.verify(delivery, withUniqueness, KEY));
        assertThat(oneRule).isEqualTo(1);
        assertThat(threeRules).isEqualTo(1);
        assertThat(withKeyCounts).isEqualTo(1);
    }

    /** {@code count} copies of the test delivery, told apart by {@code _delivery}, in one frame. */
    Dataset<Row> deliveries(int count) {
        Dataset<Row> one = delivery();
        Dataset<Row> all = null;
        for (int i = 0; i < count; i++) {
            Dataset<Row> copy = one.withColumn("_delivery", org.apache.spark.sql.functions.lit("D" + i));
            all = all == null ? copy : all.unionByName(copy);
        }
        Dataset<Row> frame = spark.createDataFrame(all.collectAsList(), all.schema());
        frame.persist().count();
        return frame;
    }

    static Map<String, HistoryKey> keys(int count) {
        Map<String, HistoryKey> keys = new java.util.LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            keys.put("D" + i, KEY);
        }
        return keys;
    }

    @Test
    void manyDeliveriesOfAFrameRunAsOneSparkJobEachWithItsOwnMetrics() throws Exception {
        List<DatasetRule> rules = new ArrayList<>(SCAN_SHAREABLE);
        rules.add(UNIQUENESS);
        DeequDatasetChecks deequ = new DeequDatasetChecks(spark, null);
        Dataset<Row> three = deliveries(3);
        Dataset<Row> thirty = deliveries(30);
        List<Map<String, List<DatasetOutcome>>> results = new ArrayList<>();
        int threeJobs = jobs(() -> results.add(deequ.verify(three, "_delivery", rules, keys(3))));
        int thirtyJobs = jobs(() -> results.add(deequ.verify(thirty, "_delivery", rules, keys(30))));
        assertThat(threeJobs).isEqualTo(1);
        assertThat(thirtyJobs).isEqualTo(1);
        // every copy measures as the delivery alone: its key is unique within its delivery, not across the copies
        List<DatasetOutcome> alone = deequ.verify(delivery(), rules, KEY);
        assertThat(results.get(1)).hasSize(30).allSatisfy((delivery, outcomes) -> assertThat(outcomes).isEqualTo(alone));
        assertThat(alone.get(3).metric()).isEqualTo(38.0 / 40);
    }

    int jobs(Runnable action) throws java.util.concurrent.TimeoutException {
        AtomicInteger started = new AtomicInteger();
        SparkListener listener = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart jobStart) {
                started.incrementAndGet();
            }
        };
        spark.sparkContext().listenerBus().waitUntilEmpty();
        spark.sparkContext().addSparkListener(listener);
        try {
            action.run();
            spark.sparkContext().listenerBus().waitUntilEmpty();
            return started.get();
        } finally {
            spark.sparkContext().removeSparkListener(listener);
        }
    }
}
