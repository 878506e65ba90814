package cn.hangzhou.indicators.quality.deequ;

import static cn.hangzhou.indicators.quality.deequ.ScalaInterop.javaList;
import static cn.hangzhou.indicators.quality.deequ.ScalaInterop.javaMap;
import static cn.hangzhou.indicators.quality.deequ.ScalaInterop.map;
import static cn.hangzhou.indicators.quality.deequ.ScalaInterop.none;
import static cn.hangzhou.indicators.quality.deequ.ScalaInterop.seq;
import static cn.hangzhou.indicators.quality.deequ.ScalaInterop.some;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.quality.DatasetOutcome;
import cn.hangzhou.indicators.quality.DatasetRule;
import cn.hangzhou.indicators.quality.HistoryKey;
import cn.hangzhou.indicators.quality.QualityRule;
import cn.hangzhou.indicators.quality.RuleKind;
import cn.hangzhou.indicators.quality.Severity;
import cn.hangzhou.indicators.testing.SharedSpark;
import com.amazon.deequ.AnomalyCheckConfig;
import com.amazon.deequ.VerificationResult;
import com.amazon.deequ.VerificationRunBuilder;
import com.amazon.deequ.VerificationRunBuilderWithRepository;
import com.amazon.deequ.VerificationSuite;
import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.Size;
import com.amazon.deequ.anomalydetection.RelativeRateOfChangeStrategy;
import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckLevel;
import com.amazon.deequ.checks.CheckResult;
import com.amazon.deequ.checks.CheckStatus;
import com.amazon.deequ.constraints.ConstraintResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-pass checks of many deliveries give what Deequ's own {@link VerificationSuite} gives over each delivery
 * alone (how the gate ran them before): the same metrics, statuses and messages, the same size anomalies against the
 * history, and the same rows in the metrics history, with null keys, filters and an empty delivery.
 */
class DeliveryMetricsTest {

    static final long MONTH = 31L * 24 * 3600 * 1000;

    @TempDir
    Path history;

    final SparkSession spark = SharedSpark.session();

    static DatasetRule rule(String name, RuleKind kind, Severity severity, String filter, String expectation, Double minimum,
                            Double maximum, List<String> columns) {
        return new DatasetRule(new QualityRule(name, kind, severity, filter, columns, null, null, null, null, expectation, minimum,
                maximum, kind == RuleKind.SIZE_ANOMALY ? 0.5 : null, kind == RuleKind.SIZE_ANOMALY ? 2.0 : null,
                kind == RuleKind.SIZE_ANOMALY ? 2 : null, null), columns);
    }

    static final List<DatasetRule> RULES = List.of(
            rule("key_completeness", RuleKind.COMPLETENESS, Severity.WARN, null, null, 1.0, null, List.of("district", "payment_id")),
            rule("key_uniqueness", RuleKind.UNIQUENESS, Severity.WARN, null, null, 1.0, null, List.of("payment_id", "district")),
            rule("male_id_uniqueness", RuleKind.UNIQUENESS, Severity.WARN, "sex = '1'", null, 0.9, null, List.of("payment_id")),
            rule("share_male", RuleKind.SHARE, Severity.WARN, null, "sex = '1'", 0.4, 0.6, List.of()),
            rule("share_female_of_large", RuleKind.SHARE, Severity.ERROR, "amount > 300", "sex = '2'", 0.3, null, List.of()),
            rule("mean_amount", RuleKind.MEAN, Severity.ERROR, null, null, 0.0, 400.0, List.of("amount")),
            rule("size_anomaly", RuleKind.SIZE_ANOMALY, Severity.WARN, null, null, null, null, List.of()));

    /** Deliveries of one series, months 0..4 (the last a partial export), and an empty delivery of another series. */
    Dataset<Row> deliveries() {
        List<Row> rows = new ArrayList<>();
        int[] sizes = {20, 21, 20, 22, 6};
        for (int month = 0; month < sizes.length; month++) {
            for (int i = 0; i < sizes[month]; i++) {
                String id = i % 7 == 3 ? null : "P" + (i % (15 + month));      // null keys; repeated keys from row 15 + month
                String district = i % 5 == 0 ? null : i % 2 == 0 ? "330102" : "330106";
                rows.add(RowFactory.create("M" + month, id, district, i % 3 == 0 ? "2" : "1", i % 4 == 1 ? null : 50.0 * i));
            }
        }
        Dataset<Row> frame = spark.createDataFrame(rows, new StructType().add("_delivery", DataTypes.StringType)
                .add("payment_id", DataTypes.StringType).add("district", DataTypes.StringType).add("sex", DataTypes.StringType)
                .add("amount", DataTypes.DoubleType));
        frame.persist().count();
        return frame;
    }

    static Map<String, HistoryKey> keys() {
        Map<String, HistoryKey> keys = new LinkedHashMap<>();
        for (int month = 0; month < 5; month++) {
            keys.put("M" + month, new HistoryKey(month * MONTH, Map.of("extract", "payments", "series", "payments")));
        }
        keys.put("EMPTY", new HistoryKey(2 * MONTH, Map.of("extract", "payments", "series", "payments/330199")));
        return keys;
    }

    @Test
    void onePassOverAllDeliveriesGivesWhatAVerificationSuitePerDeliveryGives() {
        Dataset<Row> deliveries = deliveries();
        String onePassTable = history.resolve("one-pass").toString();
        DeequDatasetChecks onePass = new DeequDatasetChecks(spark, onePassTable);
        Map<String, List<DatasetOutcome>> outcomes = onePass.verify(deliveries, "_delivery", RULES, keys());
        onePass.flush();

        String perDeliveryTable = history.resolve("per-delivery").toString();
        DeltaMetricsRepository repository = new DeltaMetricsRepository(spark, perDeliveryTable);
        Map<String, List<String>> expected = new LinkedHashMap<>();
        keys().forEach((delivery, key) -> expected.put(delivery,
                perDelivery(deliveries.where(col("_delivery").equalTo(delivery)), key, repository)));
        repository.flush();

        Map<String, List<String>> actual = new LinkedHashMap<>();
        outcomes.forEach((delivery, ofDelivery) -> actual.put(delivery, ofDelivery.stream().map(DeliveryMetricsTest::described).toList()));
        assertThat(actual).isEqualTo(expected);
        // the cases the comparison is about occur: duplicates, an anomaly, empty states
        assertThat(outcomes.get("M1").get(1).metric()).isLessThan(1.0);
        assertThat(outcomes.get("M4").get(6).passed()).isFalse();
        assertThat(outcomes.get("M3").get(6).message()).contains("previous delivery of the series had 20 rows");
        assertThat(outcomes.get("EMPTY").get(0).message()).contains("Empty state for analyzer Completeness(district,");
        assertThat(metricRows(onePassTable)).isEqualTo(metricRows(perDeliveryTable));
        assertThat(spark.read().format("delta").load(onePassTable).count()).isEqualTo(6);
    }

    /** passed, metric and the Deequ messages of a rule (without the gate's note on the history). */
    static String described(DatasetOutcome outcome) {
        String message = outcome.message() == null ? "" : outcome.message();
        if (outcome.rule().equals("size_anomaly")) {
            message = message.contains("Value:") ? message.substring(message.indexOf("Value:")) : "";
        }
        return outcome.rule() + " " + outcome.passed() + " " + outcome.metric() + " " + message;
    }

    /** The gate's former checks of one delivery: a VerificationSuite saving to the history and checking the size against it. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    List<String> perDelivery(Dataset<Row> delivery, HistoryKey key, DeltaMetricsRepository repository) {
        Analyzer size = new Size(none());
        VerificationRunBuilder builder = new VerificationSuite().onData(delivery).addRequiredAnalyzer(size);
        for (DatasetRule rule : RULES) {
            if (rule.rule().kind() != RuleKind.SIZE_ANOMALY) {
                builder = builder.addCheck(DeequDatasetChecks.check(rule.rule(), rule.columns()));
            }
        }
        VerificationRunBuilderWithRepository withRepository = builder.useRepository(repository)
                .saveOrAppendResult(DeltaMetricsRepository.resultKey(key.periodStartMillis(), key.tags()));
        int earlier = javaList(repository.load().withTagValues(map(key.tags())).before(key.periodStartMillis() - 1)
                .forAnalyzers(seq(List.of(size))).get()).size();
        if (earlier >= 2) {
            withRepository = withRepository.addAnomalyCheck(new RelativeRateOfChangeStrategy(some((Object) 0.5), some((Object) 2.0), 1),
                    size, some(new AnomalyCheckConfig(CheckLevel.Warning(), "size_anomaly", map(key.tags()), none(),
                            some((Object) (key.periodStartMillis() - 1)))));
        }
        VerificationResult result = withRepository.run();
        Double rows = javaMap(result.metrics()).entrySet().stream().filter(entry -> entry.getKey().equals(size)).findFirst()
                .map(entry -> ((Number) entry.getValue().value().get()).doubleValue()).orElse(null);
        Map<String, CheckResult> byRule = new LinkedHashMap<>();
        javaMap(result.checkResults()).forEach((check, checkResult) -> byRule.put(check.description(), checkResult));
        List<String> described = new ArrayList<>();
        for (DatasetRule rule : RULES) {
            String name = rule.rule().name();
            CheckResult checkResult = byRule.get(name);
            if (checkResult == null) {
                described.add(name + " true " + rows + " ");
                continue;
            }
            Double metric = null;
            List<String> messages = new ArrayList<>();
            for (ConstraintResult constraint : javaList(checkResult.constraintResults())) {
                if (metric == null && constraint.metric().isDefined() && constraint.metric().get().value().isSuccess()) {
                    metric = ((Number) constraint.metric().get().value().get()).doubleValue();
                }
                if (constraint.message().isDefined()) {
                    messages.add(constraint.message().get());
                }
            }
            described.add(name + " " + (checkResult.status() == CheckStatus.Success()) + " " + (metric == null ? rows : metric) + " "
                    + String.join("; ", messages));
        }
        return described;
    }

    /** The metrics history as rows: key, date, tags and each metric. */
    Set<String> metricRows(String table) {
        Set<String> rows = new TreeSet<>();
        for (Row row : spark.read().format("delta").load(table).selectExpr("result_key", "data_set_date", "tags", "explode(metrics)")
                .collectAsList()) {
            rows.add(row.get(0) + " " + row.get(1) + " " + row.getJavaMap(2) + " " + row.get(3));
        }
        return rows;
    }
}
