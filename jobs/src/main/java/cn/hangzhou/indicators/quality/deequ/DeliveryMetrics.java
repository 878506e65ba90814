package cn.hangzhou.indicators.quality.deequ;

import static cn.hangzhou.indicators.quality.deequ.ScalaInterop.javaList;
import static cn.hangzhou.indicators.quality.deequ.ScalaInterop.javaMap;
import static cn.hangzhou.indicators.quality.deequ.ScalaInterop.list;
import static cn.hangzhou.indicators.quality.deequ.ScalaInterop.none;
import static cn.hangzhou.indicators.quality.deequ.ScalaInterop.seq;
import static cn.hangzhou.indicators.quality.deequ.ScalaInterop.some;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import cn.hangzhou.indicators.config.SqlLiterals;
import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.Completeness;
import com.amazon.deequ.analyzers.Compliance;
import com.amazon.deequ.analyzers.Mean;
import com.amazon.deequ.analyzers.NumMatches;
import com.amazon.deequ.analyzers.Size;
import com.amazon.deequ.analyzers.Uniqueness;
import com.amazon.deequ.analyzers.runners.AnalysisRunner;
import com.amazon.deequ.analyzers.runners.AnalyzerContext;
import com.amazon.deequ.analyzers.runners.EmptyStateException;
import com.amazon.deequ.metrics.DoubleMetric;
import com.amazon.deequ.metrics.Entity;
import com.amazon.deequ.metrics.Metric;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;

/**
 * The metrics of Deequ analyzers for every delivery of a frame holding many deliveries, in one Deequ
 * {@link AnalysisRunner} pass: each analyzer is run once per delivery with the delivery added to its {@code where}
 * filter, and Deequ computes all of these scan-shareable analyzers in one aggregation (one Spark job, however many
 * deliveries). {@link Uniqueness} groups its data (a job per analyzer and delivery), so it is computed instead as the
 * share of rows whose key occurs once within their delivery ({@link Compliance} over a window count of the key),
 * which is how Deequ defines it: rows whose key columns are all null are left out, nulls group with nulls. Each
 * delivery's metrics come back keyed by the analyzers asked for, as a Deequ run over that delivery alone gives them.
 */
final class DeliveryMetrics {

    private static final String KEY_COUNT = "_deequ_key_count_";

    private DeliveryMetrics() {
    }

    /**
     * @param data           the rows of all deliveries
     * @param deliveryColumn the text column naming each row's delivery
     * @param analyzers      the analyzers of one delivery (as its checks require them)
     * @param deliveries     the deliveries wanted
     * @return per delivery, each analyzer's metric
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Map<String, Map<Analyzer<?, Metric<?>>, Metric<?>>> compute(Dataset<Row> data, String deliveryColumn,
                                                                       List<Analyzer<?, Metric<?>>> analyzers,
                                                                       Collection<String> deliveries) {
        Dataset<Row> frame = data;
        List<String> keyCounts = new ArrayList<>();
        for (Analyzer<?, Metric<?>> analyzer : analyzers) {
            if ((Object) analyzer instanceof Uniqueness uniqueness) {
                String name = KEY_COUNT + keyCounts.size();
                Column[] partition = new Column[uniqueness.columns().size() + 1];
                partition[0] = col(deliveryColumn);
                List<String> keys = javaList(uniqueness.columns());
                for (int i = 0; i < keys.size(); i++) {
                    partition[i + 1] = col(keys.get(i));
                }
                frame = frame.withColumn(name, count(when(expr(keyRows(uniqueness)), lit(1))).over(Window.partitionBy(partition)));
                keyCounts.add(name);
            }
        }
        Map<String, Map<Analyzer<?, Metric<?>>, Analyzer<?, Metric<?>>>> perDelivery = new LinkedHashMap<>();
        List<Analyzer<?, Metric<?>>> toRun = new ArrayList<>();
        for (String delivery : deliveries) {
            Map<Analyzer<?, Metric<?>>, Analyzer<?, Metric<?>>> ofDelivery = new LinkedHashMap<>();
            int uniquenessIndex = 0;
            for (Analyzer<?, Metric<?>> analyzer : analyzers) {
                Analyzer<?, Metric<?>> filtered = (Object) analyzer instanceof Uniqueness uniqueness
                        ? (Analyzer) new Compliance(KEY_COUNT + uniquenessIndex, "`" + keyCounts.get(uniquenessIndex++) + "` = 1",
                                some(inDelivery(deliveryColumn, delivery, keyRows(uniqueness))), list(List.of()), none())
                        : inDelivery(analyzer, deliveryColumn, delivery);
                ofDelivery.put(analyzer, filtered);
                toRun.add(filtered);
            }
            perDelivery.put(delivery, ofDelivery);
        }
        Map<Analyzer<?, Metric<?>>, Metric<?>> computed = toRun.isEmpty() ? Map.of()
                : javaMap(AnalysisRunner.onData(frame).addAnalyzers(seq(toRun)).run().metricMap());
        Map<String, Map<Analyzer<?, Metric<?>>, Metric<?>>> metrics = new LinkedHashMap<>();
        perDelivery.forEach((delivery, ofDelivery) -> {
            Map<Analyzer<?, Metric<?>>, Metric<?>> asAlone = new LinkedHashMap<>();
            ofDelivery.forEach((analyzer, filtered) -> asAlone.put(analyzer, asAlone(analyzer, (DoubleMetric) computed.get(filtered))));
            metrics.put(delivery, asAlone);
        });
        return metrics;
    }

    /** The rows Deequ's Uniqueness counts: at least one key column present, and its own filter. */
    private static String keyRows(Uniqueness uniqueness) {
        String present = javaList(uniqueness.columns()).stream().map(column -> "`" + column + "` IS NOT NULL")
                .collect(Collectors.joining(" OR ", "(", ")"));
        return uniqueness.where().isDefined() ? present + " AND (" + uniqueness.where().get() + ")" : present;
    }

    private static String inDelivery(String deliveryColumn, String delivery, String where) {
        String ofDelivery = SqlLiterals.identifier(deliveryColumn) + " = " + SqlLiterals.stringLiteral(delivery);
        return where == null ? ofDelivery : ofDelivery + " AND (" + where + ")";
    }

    /** The analyzer restricted to one delivery's rows. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Analyzer<?, Metric<?>> inDelivery(Analyzer<?, Metric<?>> analyzer, String deliveryColumn, String delivery) {
        Analyzer filtered;
        if ((Object) analyzer instanceof Size size) {
            filtered = new Size(some(inDelivery(deliveryColumn, delivery, size.where().isDefined() ? size.where().get() : null)));
        } else if ((Object) analyzer instanceof Completeness completeness) {
            filtered = new Completeness(completeness.column(), some(inDelivery(deliveryColumn, delivery,
                    completeness.where().isDefined() ? completeness.where().get() : null)), completeness.analyzerOptions());
        } else if ((Object) analyzer instanceof Compliance compliance) {
            filtered = new Compliance(compliance.instance(), compliance.predicate(), some(inDelivery(deliveryColumn, delivery,
                    compliance.where().isDefined() ? compliance.where().get() : null)), compliance.columns(), compliance.analyzerOptions());
        } else if ((Object) analyzer instanceof Mean mean) {
            filtered = new Mean(mean.column(), some(inDelivery(deliveryColumn, delivery, mean.where().isDefined() ? mean.where().get() : null)));
        } else {
            throw new IllegalArgumentException("no per-delivery computation for Deequ analyzer " + analyzer);
        }
        return filtered;
    }

    /**
     * The metric of {@code analyzer} on the delivery alone, from the metric its per-delivery form measured: the same
     * value under the analyzer's own name, instance and entity; an empty delivery's failure names the analyzer itself.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Metric<?> asAlone(Analyzer<?, Metric<?>> analyzer, DoubleMetric measured) {
        boolean empty = measured.value().isFailure() && measured.value().failed().get() instanceof EmptyStateException;
        if ((Object) analyzer instanceof Uniqueness uniqueness) {
            if (measured.value().isSuccess() || empty) {
                return uniqueness.fromAggregationResult(RowFactory.create(empty ? null : measured.value().get()), 0, none());
            }
            return new DoubleMetric(uniqueness.columns().size() == 1 ? Entity.Column() : Entity.Multicolumn(), "Uniqueness",
                    String.join(",", javaList(uniqueness.columns())), measured.value(), none());
        }
        if (!empty) {
            return measured;
        }
        if ((Object) analyzer instanceof Size size && size.where().isEmpty()) {
            // an unfiltered Size counts with count(*): a delivery of no rows has size 0 (the per-delivery filter sums instead)
            return size.computeMetricFrom(some(new NumMatches(0L)));
        }
        return ((Analyzer) analyzer).computeMetricFrom(none());
    }

    /** Deequ's context of one delivery's metrics. */
    static AnalyzerContext context(Map<Analyzer<?, Metric<?>>, Metric<?>> metrics) {
        return new AnalyzerContext(ScalaInterop.map(metrics));
    }
}
