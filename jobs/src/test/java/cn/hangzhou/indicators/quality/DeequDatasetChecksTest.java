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

/** Deequ's dataset checks of one delivery: analyzers share one scan, and each rule reports its own outcome. */
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
    void scanShareableRulesOfADeliveryRunAsOneSparkJobAndUniquenessAddsItsGrouping() throws Exception {
        Dataset<Row> delivery = delivery();
        DeequDatasetChecks deequ = new DeequDatasetChecks(spark, null);
        int oneRule = jobs(() -> deequ.verify(delivery, SCAN_SHAREABLE.subList(0, 1), KEY));
        int threeRules = jobs(() -> deequ.verify(delivery, SCAN_SHAREABLE, KEY));
        List<DatasetRule> withUniqueness = new ArrayList<>(SCAN_SHAREABLE);
        withUniqueness.add(UNIQUENESS);
        int withGrouping = jobs(() -> deequ.verify(delivery, withUniqueness, KEY));
        assertThat(oneRule).isEqualTo(1);
        assertThat(threeRules).isEqualTo(1);
        assertThat(withGrouping).isEqualTo(JOBS_WITH_UNIQUENESS);
    }

    /** Deequ computes uniqueness from a frequency table of the key (a grouping job) and a scan of that table: two more jobs. */
    static final int JOBS_WITH_UNIQUENESS = 3;

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
