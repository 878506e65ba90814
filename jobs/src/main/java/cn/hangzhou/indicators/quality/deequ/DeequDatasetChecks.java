package cn.hangzhou.indicators.quality.deequ;

import static cn.hangzhou.indicators.quality.deequ.ScalaInterop.assertion;
import static cn.hangzhou.indicators.quality.deequ.ScalaInterop.javaList;
import static cn.hangzhou.indicators.quality.deequ.ScalaInterop.javaMap;
import static cn.hangzhou.indicators.quality.deequ.ScalaInterop.list;
import static cn.hangzhou.indicators.quality.deequ.ScalaInterop.map;
import static cn.hangzhou.indicators.quality.deequ.ScalaInterop.none;
import static cn.hangzhou.indicators.quality.deequ.ScalaInterop.seq;
import static cn.hangzhou.indicators.quality.deequ.ScalaInterop.some;

import cn.hangzhou.indicators.quality.DatasetOutcome;
import cn.hangzhou.indicators.quality.DatasetRule;
import cn.hangzhou.indicators.quality.HistoryKey;
import cn.hangzhou.indicators.quality.QualityRule;
import cn.hangzhou.indicators.quality.RuleKind;
import cn.hangzhou.indicators.quality.Severity;
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
import com.amazon.deequ.metrics.Metric;
import com.amazon.deequ.repository.AnalysisResult;
import com.amazon.deequ.repository.ResultKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs the dataset-level rules of one delivery as one Deequ {@link VerificationSuite}: one {@link Check} per rule
 * (its description is the rule name), analyzers sharing one scan, the delivery's size saved to the Delta
 * metrics history and compared with the previous delivery of its series by {@link RelativeRateOfChangeStrategy}.
 * The only place besides {@link DeltaMetricsRepository} that speaks Deequ.
 */
public final class DeequDatasetChecks {

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Analyzer<?, Metric<Object>> SIZE = (Analyzer) new Size(none());

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
    @SuppressWarnings({"unchecked", "rawtypes"})
    public List<DatasetOutcome> verify(Dataset<Row> delivery, List<DatasetRule> rules, HistoryKey key) {
        VerificationRunBuilder builder = new VerificationSuite().onData(delivery).addRequiredAnalyzer((Analyzer) SIZE);
        Map<String, String> notes = new LinkedHashMap<>();
        List<QualityRule> anomalyRules = new ArrayList<>();
        for (DatasetRule datasetRule : rules) {
            QualityRule rule = datasetRule.rule();
            if (rule.kind() == RuleKind.SIZE_ANOMALY) {
                anomalyRules.add(rule);
            } else {
                builder = builder.addCheck(check(rule, datasetRule.columns()));
            }
        }
        if (repository == null) {
            anomalyRules.forEach(rule -> notes.put(rule.name(), "not checked: no metrics history"));
            return outcomes(rules, builder.run(), notes);
        }
        ResultKey resultKey = DeltaMetricsRepository.resultKey(key.periodStartMillis(), key.tags());
        VerificationRunBuilderWithRepository withRepository = builder.useRepository(repository).saveOrAppendResult(resultKey);
        List<Double> history = sizeHistory(key);
        for (QualityRule rule : anomalyRules) {
            if (history.size() < rule.minimumHistory()) {
                notes.put(rule.name(), "not checked: the history has " + history.size() + " earlier deliveries of this series, "
                        + rule.minimumHistory() + " needed");
                continue;
            }
            notes.put(rule.name(), "previous delivery of the series had " + Math.round(history.get(history.size() - 1))
                    + " rows; allowed " + rule.maxRateDecrease() + "x to " + rule.maxRateIncrease() + "x of it");
            AnomalyCheckConfig config = new AnomalyCheckConfig(level(rule), rule.name(), map(key.tags()), none(),
                    some((Object) (key.periodStartMillis() - 1)));
            withRepository = withRepository.addAnomalyCheck(
                    new RelativeRateOfChangeStrategy(some((Object) rule.maxRateDecrease()), some((Object) rule.maxRateIncrease()), 1),
                    (Analyzer) SIZE, some(config));
        }
        return outcomes(rules, withRepository.run(), notes);
    }

    /** The outcome of every rule, in the rules' order; a rule without a Deequ check (size anomaly not checked) passed. */
    private static List<DatasetOutcome> outcomes(List<DatasetRule> rules, VerificationResult result, Map<String, String> notes) {
        Map<String, DatasetOutcome> outcomes = new LinkedHashMap<>();
        for (Map.Entry<Check, CheckResult> entry : javaMap(result.checkResults()).entrySet()) {
            outcomes.put(entry.getKey().description(), outcome(entry.getKey().description(), entry.getValue(), result,
                    notes.get(entry.getKey().description())));
        }
        List<DatasetOutcome> ordered = new ArrayList<>();
        for (DatasetRule datasetRule : rules) {
            String name = datasetRule.rule().name();
            ordered.add(outcomes.getOrDefault(name, new DatasetOutcome(name, true, sizeOf(result), notes.get(name))));
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

    private static Double sizeOf(VerificationResult result) {
        return javaMap(result.metrics()).entrySet().stream().filter(entry -> entry.getKey().equals(SIZE)).findFirst()
                .map(entry -> ((Number) entry.getValue().value().get()).doubleValue()).orElse(null);
    }

    private static Check check(QualityRule rule, List<String> columns) {
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

    private static DatasetOutcome outcome(String name, CheckResult checkResult, VerificationResult result, String note) {
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
            metric = sizeOf(result);
        }
        return new DatasetOutcome(name, passed, metric, messages.isEmpty() ? null : String.join("; ", messages));
    }
}
