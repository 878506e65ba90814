package cn.hangzhou.indicators.quality.deequ;

import static cn.hangzhou.indicators.quality.deequ.ScalaInterop.javaList;
import static cn.hangzhou.indicators.quality.deequ.ScalaInterop.javaMap;
import static cn.hangzhou.indicators.quality.deequ.ScalaInterop.map;
import static cn.hangzhou.indicators.quality.deequ.ScalaInterop.seq;

import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.runners.AnalyzerContext;
import com.amazon.deequ.metrics.DoubleMetric;
import com.amazon.deequ.metrics.Metric;
import com.amazon.deequ.repository.AnalysisResult;
import com.amazon.deequ.repository.AnalysisResultSerde;
import com.amazon.deequ.repository.MetricsRepository;
import com.amazon.deequ.repository.MetricsRepositoryMultipleResultsLoader;
import com.amazon.deequ.repository.ResultKey;
import com.amazon.deequ.repository.memory.InMemoryMetricsRepository;
import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * Deequ's {@link MetricsRepository} over a Delta table ({@code analytics/quality/metrics}): one row per result
 * key (the delivery's period and series), holding the metrics both as Deequ's own JSON
 * ({@link AnalysisResultSerde}, which {@link #load()} reads back) and as plain rows for statisticians. Saves are
 * kept in memory and written by {@link #flush()} in one MERGE; a second save under the same key (a corrected
 * delivery of the period) replaces the row.
 */
public final class DeltaMetricsRepository implements MetricsRepository {

    static final StructType METRIC = new StructType()
            .add("entity", DataTypes.StringType)
            .add("instance", DataTypes.StringType)
            .add("name", DataTypes.StringType)
            .add("value", DataTypes.DoubleType);
    static final StructType SCHEMA = new StructType()
            .add("result_key", DataTypes.StringType, false)
            .add("data_set_date", DataTypes.LongType, false)
            .add("tags", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
            .add("metrics", DataTypes.createArrayType(METRIC))
            .add("analysis_result", DataTypes.StringType)
            .add("saved_at", DataTypes.TimestampType);

    private final SparkSession spark;
    private final String path;
    private final Map<String, Row> pending = new LinkedHashMap<>();
    private InMemoryMetricsRepository cache;

    public DeltaMetricsRepository(SparkSession spark, String path) {
        this.spark = spark;
        this.path = path;
    }

    @Override
    public void save(ResultKey resultKey, AnalyzerContext analyzerContext) {
        Map<Analyzer<?, Metric<?>>, Metric<?>> successful = new LinkedHashMap<>();
        List<Row> metricRows = new ArrayList<>();
        for (Map.Entry<Analyzer<?, Metric<?>>, Metric<?>> entry : javaMap(analyzerContext.metricMap()).entrySet()) {
            Metric<?> metric = entry.getValue();
            if (metric.value().isSuccess()) {
                successful.put(entry.getKey(), metric);
                if (metric instanceof DoubleMetric doubleMetric) {
                    metricRows.add(RowFactory.create(doubleMetric.entity().toString(), doubleMetric.instance(), doubleMetric.name(),
                            ((Number) doubleMetric.value().get()).doubleValue()));
                }
            }
        }
        AnalyzerContext kept = new AnalyzerContext(map(successful));
        String json = AnalysisResultSerde.serialize(seq(List.of(new AnalysisResult(resultKey, kept))));
        inMemory().save(resultKey, kept);
        pending.put(keyOf(resultKey), RowFactory.create(keyOf(resultKey), resultKey.dataSetDate(), javaMap(resultKey.tags()), metricRows,
                json, Timestamp.from(Instant.now())));
    }

    /** Writes the results saved since the last flush in one MERGE; a key saved again replaces its row. */
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Dataset<Row> update = spark.createDataFrame(new ArrayList<>(pending.values()), SCHEMA);
        if (!DeltaTable.isDeltaTable(spark, path)) {
            update.write().format("delta").mode("append").save(path);
        } else {
            DeltaTable.forPath(spark, path).as("history")
                    .merge(update.as("update"), "history.result_key = update.result_key")
                    .whenMatched().updateAll()
                    .whenNotMatched().insertAll()
                    .execute();
        }
        pending.clear();
    }

    @Override
    public Option<AnalyzerContext> loadByKey(ResultKey resultKey) {
        return inMemory().loadByKey(resultKey);
    }

    @Override
    public MetricsRepositoryMultipleResultsLoader load() {
        return inMemory().load();
    }

    /**
     * The history, read once into Deequ's in-memory repository (whose loader does the filtering by tags, dates and
     * analyzers) and kept up to date by {@link #save}, so that a run reads the Delta table once.
     */
    private InMemoryMetricsRepository inMemory() {
        if (cache != null) {
            return cache;
        }
        cache = new InMemoryMetricsRepository();
        if (DeltaTable.isDeltaTable(spark, path)) {
            for (Row row : spark.read().format("delta").load(path).select("analysis_result").collectAsList()) {
                for (AnalysisResult result : javaList(AnalysisResultSerde.deserialize(row.getString(0)))) {
                    cache.save(result.resultKey(), result.analyzerContext());
                }
            }
        }
        return cache;
    }

    /** A stable text of the key: the date and the tags in name order. */
    static String keyOf(ResultKey key) {
        return key.dataSetDate() + "|" + new TreeMap<>(javaMap(key.tags())).entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(","));
    }

    static ResultKey resultKey(long dataSetDate, Map<String, String> tags) {
        return new ResultKey(dataSetDate, map(tags));
    }
}
