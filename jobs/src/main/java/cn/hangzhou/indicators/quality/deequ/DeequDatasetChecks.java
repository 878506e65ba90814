package cn.hangzhou.indicators.quality.deequ;

import static cn.hangzhou.indicators.quality.deequ.ScalaInterop.assertion;
import static cn.hangzhou.indicators.quality.deequ.ScalaInterop.javaList;
import static cn.hangzhou.indicators.quality.deequ.ScalaInterop.javaMap;
import static cn.hangzhou.indicators.quality.deequ.ScalaInterop.javaSet;
import static cn.hangzhou.indicators.quality.deequ.ScalaInterop.list;
import static cn.hangzhou.indicators.quality.deequ.ScalaInterop.map;
import static cn.hangzhou.indicators.quality.deequ.ScalaInterop.none;
import static cn.hangzhou.indicators.quality.deequ.ScalaInterop.seq;
import static cn.hangzhou.indicators.quality.deequ.ScalaInterop.some;
import static org.apache.spark.sql.functions.lit;

import cn.hangzhou.indicators.quality.DatasetOutcome;
import cn.hangzhou.indicators.quality.DatasetRule;
import cn.hangzhou.indicators.quality.HistoryKey;
import cn.hangzhou.indicators.quality.QualityRule;
import cn.hangzhou.indicators.quality.RuleKind;
import cn.hangzhou.indicators.quality.Severity;
import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.Size;
import com.amazon.deequ.analyzers.runners.AnalyzerContext;
import com.amazon.deequ.anomalydetection.RelativeRateOfChangeStrategy;
import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckLevel;
import com.amazon.deequ.checks.CheckResult;
import com.amazon.deequ.checks.CheckStatus;
import com.amazon.deequ.constraints.ConstraintResult;
import com.amazon.deequ.metrics.Metric;
import com.amazon.deequ.repository.AnalysisResult;
import com.amazon.deequ.repository.ResultKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Option;

/**
 * Runs the dataset-level rules of deliveries with Deequ: one {@link Check} per rule (its description is the rule
 * name), the metrics of all deliveries of a frame computed in one Deequ analysis pass ({@link DeliveryMetrics}),
 * then per delivery, in the order given, the checks evaluated on its metrics, its size compared with the previous
 * delivery of its series by {@link RelativeRateOfChangeStrategy}, and its metrics saved to the Delta history, as a
 * Deequ {@code VerificationSuite} over the delivery alone with {@code saveOrAppendResult} does.
 * The only place besides {@link DeltaMetricsRepository} that speaks Deequ.
 */
public final class DeequDatasetChecks {

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Analyzer<?, Metric<Object>> SIZE = (Analyzer) new Size(none());
    private static final String ONE_DELIVERY = "_deequ_delivery";

    private final DeltaMetricsRepository repository;

    /** @param metricsTable the Delta metrics history; null runs the checks without history (no size anomaly check) */
    public DeequDatasetChecks(SparkSession spark, String metricsTable) {
        this.repository = metricsTable == null ? null : new DeltaMetricsRepository(spark, metricsTable);
    }

    /** Writes the metrics saved by {@link #verify} to the Delta history, in one commit. */
    public void flush() {
        if (repository != null) {
            repository.flush();
        }
    }

    /** Checks one delivery (already prepared: blanks are nulls) and records its metrics under {@code key}. */
    public List<DatasetOutcome> verify(Dataset<Row> delivery, List<DatasetRule> rules, HistoryKey key) {
        return verify(delivery.withColumn(ONE_DELIVERY, lit(ONE_DELIVERY)), ONE_DELIVERY, rules, Map.of(ONE_DELIVERY, key))
                .get(ONE_DELIVERY);
    }

    /**
     * Checks the deliveries of one frame (prepared: blanks are nulls; {@code deliveryColumn} names each row's delivery)
     * in one Deequ analysis pass, and records each delivery's metrics under its key, in the keys' order: a later
     * period's size is compared with an earlier one checked in the same call.
     *
     * @param keys the deliveries to check and their history keys, in the order to check them
     * @return the outcomes of each delivery, in the rules' order
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Map<String, List<DatasetOutcome>> verify(Dataset<Row> deliveries, String deliveryColumn, List<DatasetRule> rules,
                                                    Map<String, HistoryKey> keys) {
        List<Check> checks = new ArrayList<>();
        List<QualityRule> anomalyRules = new ArrayList<>();
        for (DatasetRule datasetRule : rules) {
            QualityRule rule = datasetRule.rule();
            if (rule.kind() == RuleKind.SIZE_ANOMALY) {
                anomalyRules.add(rule);
            } else {
                checks.add(check(rule, datasetRule.columns()));
            }
        }
        // as VerificationSuite: the required analyzer first, then those of the checks, each once
        Set<Analyzer<?, Metric<?>>> analyzers = new LinkedHashSet<>();
        analyzers.add((Analyzer) SIZE);
        checks.forEach(check -> analyzers.addAll(javaSet(check.requiredAnalyzers())));
        Map<String, Map<Analyzer<?, Metric<?>>, Metric<?>>> metrics = DeliveryMetrics.compute(deliveries, deliveryColumn,
                new ArrayList<>(analyzers), keys.keySet());
        Map<String, List<DatasetOutcome>> outcomes = new LinkedHashMap<>();
        keys.forEach((delivery, key) -> outcomes.put(delivery, verifyOne(metrics.get(delivery), checks, anomalyRules, rules, key)));
        return outcomes;
    }

    /** Evaluates the checks of one delivery on its metrics, then saves them (after: the anomaly check reads the history before). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<DatasetOutcome> verifyOne(Map<Analyzer<?, Metric<?>>, Metric<?>> metrics, List<Check> ruleChecks,
                                           List<QualityRule> anomalyRules, List<DatasetRule> rules, HistoryKey key) {
        Map<String, String> notes = new LinkedHashMap<>();
        List<Check> checks = new ArrayList<>(ruleChecks);
        if (repository == null) {
            anomalyRules.forEach(rule -> notes.put(rule.name(), "not checked: no metrics history"));
        } else {
            List<Double> history = sizeHistory(key);
            for (QualityRule rule : anomalyRules) {
                if (history.size() < rule.minimumHistory()) {
                    notes.put(rule.name(), "not checked: the history has " + history.size() + " earlier deliveries of this series, "
                            + rule.minimumHistory() + " needed");
                    continue;
                }
                notes.put(rule.name(), "previous delivery of the series had " + Math.round(history.get(history.size() - 1))
                        + " rows; allowed " + rule.maxRateDecrease() + "x to " + rule.maxRateIncrease() + "x of it");
                checks.add(anomalyCheck(rule, key));
            }
        }
        AnalyzerContext context = DeliveryMetrics.context(metrics);
        Map<Check, CheckResult> results = new LinkedHashMap<>();
        checks.forEach(check -> results.put(check, check.evaluate(context)));
        if (repository != null) {
            // saveOrAppendResult: the metrics already saved under the key, replaced where measured again
            ResultKey resultKey = DeltaMetricsRepository.resultKey(key.periodStartMillis(), key.tags());
            Map<Analyzer<?, Metric<?>>, Metric<?>> saved = new LinkedHashMap<>();
            Option<AnalyzerContext> existing = repository.loadByKey(resultKey);
            if (existing.isDefined()) {
                saved.putAll(javaMap(existing.get().metricMap()));
            }
            saved.putAll(metrics);
            repository.save(resultKey, DeliveryMetrics.context(saved));
        }
        return outcomes(rules, results, metrics, notes);
    }

    /**
     * The check {@code VerificationRunBuilderWithRepository.addAnomalyCheck} adds (Deequ's
     * {@code VerificationRunBuilderHelper.getAnomalyCheck}): the delivery's Size against the history of its series before
     * its own period.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Check anomalyCheck(QualityRule rule, HistoryKey key) {
        return new Check(level(rule), rule.name(), seq(List.of())).isNewestPointNonAnomalous(repository,
                new RelativeRateOfChangeStrategy(some((Object) rule.maxRateDecrease()), some((Object) rule.maxRateIncrease()), 1),
                (Analyzer) SIZE, map(key.tags()), none(), some((Object) (key.periodStartMillis() - 1)), none());
    }

    /** The outcome of every rule, in the rules' order; a rule without a Deequ check (size anomaly not checked) passed. */
    private static List<DatasetOutcome> outcomes(List<DatasetRule> rules, Map<Check, CheckResult> results,
                                                 Map<Analyzer<?, Metric<?>>, Metric<?>> metrics, Map<String, String> notes) {
        Double size = sizeOf(metrics);
        Map<String, DatasetOutcome> outcomes = new LinkedHashMap<>();
        results.forEach((check, result) -> outcomes.put(check.description(),
                outcome(check.description(), result, size, notes.get(check.description()))));
        List<DatasetOutcome> ordered = new ArrayList<>();
        for (DatasetRule datasetRule : rules) {
            String name = datasetRule.rule().name();
            ordered.add(outcomes.getOrDefault(name, new DatasetOutcome(name, true, size, notes.get(name))));
        }
        return ordered;
    }

    /** The Size metrics of earlier periods of the delivery's series, oldest first. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<Double> sizeHistory(HistoryKey key) {
        List<AnalysisResult> results = javaList(repository.load().withTagValues(map(key.tags()))
                .before(key.periodStartMillis() - 1).forAnalyzers(seq(List.of((Analyzer) SIZE))).get());
        return results.stream().sorted(Comparator.comparingLong(result -> result.resultKey().dataSetDate()))
                .map(result -> javaMap(result.analyzerContext().metricMap()).values().stream().findFirst()
                        .map(metric -> ((Number) metric.value().get()).doubleValue()).orElse(Double.NaN))
                .collect(Collectors.toList());
    }

    private static Double sizeOf(Map<Analyzer<?, Metric<?>>, Metric<?>> metrics) {
        Metric<?> size = metrics.get(SIZE);
        return size == null || size.value().isFailure() ? null : ((Number) size.value().get()).doubleValue();
    }

    static Check check(QualityRule rule, List<String> columns) {
        Check check = new Check(level(rule), rule.name(), seq(List.of()));
        double minimum = rule.minimum() == null ? Double.NEGATIVE_INFINITY : rule.minimum();
        double maximum = rule.maximum() == null ? Double.POSITIVE_INFINITY : rule.maximum();
        switch (rule.kind()) {
            case COMPLETENESS -> {
                for (String column : columns) {
                    check = filtered(check.hasCompleteness(column, assertion(value -> value >= minimum), none(), none()), rule);
                }
            }
            case UNIQUENESS -> check = filtered(check.hasUniqueness(seq(columns), assertion(value -> value >= minimum), none()), rule);
            case SHARE -> check = filtered(check.satisfies(rule.expectation(), rule.name(),
                    assertion(value -> value >= minimum && value <= maximum), none(), list(List.of()), none()), rule);
            case MEAN -> check = filtered(check.hasMean(columns.get(0), assertion(value -> value >= minimum && value <= maximum), none()), rule);
            default -> throw new IllegalArgumentException(rule.kind() + " is not a dataset rule");
        }
        return check;
    }

    private static Check filtered(com.amazon.deequ.checks.CheckWithLastConstraintFilterable check, QualityRule rule) {
        return rule.filter() == null ? check : check.where(rule.filter());
    }

    private static scala.Enumeration.Value level(QualityRule rule) {
        return rule.severity() == Severity.ERROR ? CheckLevel.Error() : CheckLevel.Warning();
    }

    private static DatasetOutcome outcome(String name, CheckResult checkResult, Double size, String note) {
        boolean passed = checkResult.status() == CheckStatus.Success();
        Double metric = null;
        List<String> messages = new ArrayList<>();
        for (ConstraintResult constraint : javaList(checkResult.constraintResults())) {
            Optional<Metric<?>> constraintMetric = Optional.ofNullable(constraint.metric().isDefined() ? constraint.metric().get() : null);
            if (metric == null && constraintMetric.isPresent() && constraintMetric.get().value().isSuccess()
                    && constraintMetric.get().value().get() instanceof Number number) {
                metric = number.doubleValue();
            }
            if (constraint.message().isDefined()) {
                messages.add(constraint.message().get());
            }
        }
        if (note != null) {
            messages.add(0, note);
        }
        if (metric == null) {
            metric = size;
        }
        return new DatasetOutcome(name, passed, metric, messages.isEmpty() ? null : String.join("; ", messages));
    }
}
