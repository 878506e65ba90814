package cn.hangzhou.indicators.lineage;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import cn.hangzhou.indicators.lineage.ValueExplanation.ComputingRun;
import cn.hangzhou.indicators.lineage.ValueExplanation.ContributingRow;
import cn.hangzhou.indicators.lineage.ValueExplanation.Definition;
import cn.hangzhou.indicators.lineage.ValueExplanation.QualityResult;
import cn.hangzhou.indicators.lineage.ValueExplanation.Source;
import cn.hangzhou.indicators.lineage.ValueExplanation.TableVersion;
import cn.hangzhou.indicators.ops.DeltaTables;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads the {@link ValueExplanation} of one value from the warehouse: {@code indicator_values} and
 * {@code published_indicators} (gold), {@code indicator_sources} and {@code indicator_rows} (lineage), the ingest
 * manifest, {@code quality/check_results} and {@code ops/runs}. Tables that do not exist yet leave their part empty.
 */
public final class ExplanationReader {

    private final SparkSession spark;
    private final WarehouseLayout layout;

    public ExplanationReader(SparkSession spark, WarehouseLayout layout) {
        this.spark = spark;
        this.layout = layout;
    }

    /**
     * The explanation of the value of {@code indicatorId} for {@code districtCode} in {@code year}, empty when there is
     * no such value; {@code definition} is the catalogue's (its {@code definition_version} is replaced by the stored
     * value's); {@code withRows} adds the contributing silver rows.
     */
    public Optional<ValueExplanation> read(String indicatorId, String districtCode, int year, Definition definition, boolean withRows) {
        List<ValueExplanation> explanations = explain(IndicatorLineage.cell(indicatorId, districtCode, year), id -> definition);
        if (explanations.isEmpty()) {
            return Optional.empty();
        }
        ValueExplanation explanation = explanations.get(0);
        return Optional.of(withRows ? explanation.withRows(contributingRows(indicatorId, districtCode, year)) : explanation);
    }

    /**
     * The explanations of every value of {@code year} (without contributing rows), in one read of each table;
     * {@code definitions} gives the catalogue's definition of a reported indicator id.
     */
    public List<ValueExplanation> readYear(int year, Function<String, Definition> definitions) {
        return explain(col("year").equalTo(lit(year)), definitions);
    }

    private List<ValueExplanation> explain(Column values, Function<String, Definition> definitions) {
        if (!DeltaTables.exists(spark, layout.indicatorValues())) {
            return List.of();
        }
        List<Row> valueRows = table(layout.indicatorValues()).where(values)
                .select("indicator_id", "district_code", "year", "value", "numerator", "denominator", "quality_status",
                        "run_id", "definition_version", "computed_at")
                .orderBy("indicator_id", "district_code", "year").collectAsList();
        if (valueRows.isEmpty()) {
            return List.of();
        }
        Map<String, String> disclosure = new HashMap<>();
        if (DeltaTables.exists(spark, layout.publishedIndicators())) {
            for (Row row : table(layout.publishedIndicators()).where(values)
                    .select("indicator_id", "district_code", "year", "disclosure_status").collectAsList()) {
                disclosure.put(cellKey(row), row.getString(3));
            }
        }
        Map<String, List<Source>> sources = sources(values);
        List<String> fileIds = sources.values().stream().flatMap(List::stream).map(Source::fileId).distinct().toList();
        Map<String, List<QualityResult>> results = qualityResults(fileIds);
        Map<String, ComputingRun> runs = runs(valueRows.stream().map(row -> row.<String>getAs("run_id")).distinct().toList());
        List<ValueExplanation> explanations = new ArrayList<>();
        for (Row value : valueRows) {
            String indicatorId = value.getAs("indicator_id");
            Definition definition = definitions.apply(indicatorId);
            if (definition == null) {
                continue;
            }
            Definition stored = definition.withDefinitionVersion(value.getAs("definition_version"));
            String key = cellKey(value);
            List<Source> cellSources = sources.getOrDefault(key, List.of());
            List<QualityResult> cellResults = cellSources.stream().map(Source::fileId).distinct().sorted()
                    .flatMap(fileId -> results.getOrDefault(fileId, List.of()).stream()).toList();
            String runId = value.getAs("run_id");
            explanations.add(new ValueExplanation(indicatorId, value.getAs("district_code"), ((Number) value.getAs("year")).intValue(), stored,
                    value.getAs("value"), value.getAs("numerator"), value.getAs("denominator"), value.getAs("quality_status"),
                    disclosure.get(key), String.valueOf(value.<Object>getAs("computed_at")), cellSources, cellResults,
                    runId == null ? ComputingRun.unrecorded(null) : runs.getOrDefault(runId, ComputingRun.unrecorded(runId)), null));
        }
        return explanations;
    }

    private static String cellKey(Row row) {
        return row.getAs("indicator_id") + "\u0000" + row.getAs("district_code") + "\u0000" + ((Number) row.getAs("year")).intValue();
    }

    /** The sources of the selected values by cell, in role, file name and file id order. */
    private Map<String, List<Source>> sources(Column values) {
        String path = layout.lineage(IndicatorLineage.SOURCES_TABLE);
        Map<String, List<Source>> sources = new HashMap<>();
        if (!DeltaTables.exists(spark, path)) {
            return sources;
        }
        Dataset<Row> lineage = table(path).where(values);
        boolean manifest = DeltaTables.exists(spark, layout.ingestManifest());
        if (!manifest) {
            for (Row row : lineage.orderBy("role", "file_id").collectAsList()) {
                sources.computeIfAbsent(cellKey(row), key -> new ArrayList<>()).add(
                        new Source(row.getAs("role"), row.getAs("file_id"), longOrNull(row, "rows"), null, null, null, null, null));
            }
            return sources;
        }
        // a duplicate repeats the file_id of the delivery it duplicates: only the delivery's own row
        Dataset<Row> deliveries = table(layout.ingestManifest()).where(col("status").notEqual(lit("duplicate")))
                .select("file_id", "file_name", "sha256", "first_seen_at", "status", "quality_status");
        Dataset<Row> joined = lineage.join(deliveries, lineage.col("file_id").equalTo(deliveries.col("file_id")), "left")
                .drop(deliveries.col("file_id"));
        for (Row row : joined.orderBy("role", "file_name", "file_id").collectAsList()) {
            Object firstSeen = row.getAs("first_seen_at");
            sources.computeIfAbsent(cellKey(row), key -> new ArrayList<>()).add(new Source(row.getAs("role"), row.getAs("file_id"),
                    longOrNull(row, "rows"), row.getAs("file_name"), row.getAs("sha256"), firstSeen == null ? null : firstSeen.toString(),
                    row.getAs("status"), row.getAs("quality_status")));
        }
        return sources;
    }

    /** The quality results of these deliveries by file id, in rule order. */
    private Map<String, List<QualityResult>> qualityResults(List<String> fileIds) {
        String path = layout.quality("check_results");
        Map<String, List<QualityResult>> results = new HashMap<>();
        if (fileIds.isEmpty() || !DeltaTables.exists(spark, path)) {
            return results;
        }
        for (Row row : table(path).where(col("file_id").isin(fileIds.toArray()))
                .select("file_id", "rule", "severity", "status", "failing_rows").orderBy("file_id", "rule").collectAsList()) {
            results.computeIfAbsent(row.getAs("file_id"), key -> new ArrayList<>()).add(new QualityResult(row.getAs("file_id"),
                    row.getAs("rule"), row.getAs("severity"), row.getAs("status"), longOrNull(row, "failing_rows")));
        }
        return results;
    }

    /** The recorded runs among these run ids. */
    private Map<String, ComputingRun> runs(List<String> runIds) {
        Map<String, ComputingRun> runs = new HashMap<>();
        List<String> known = runIds.stream().filter(java.util.Objects::nonNull).toList();
        if (known.isEmpty() || !DeltaTables.exists(spark, layout.runs())) {
            return runs;
        }
        for (Row record : table(layout.runs()).where(col("run_id").isin(known.toArray())).collectAsList()) {
            List<TableVersion> tables = new ArrayList<>();
            for (Row table : record.<Row>getList(record.fieldIndex("tables"))) {
                tables.add(new TableVersion(table.getAs("table"), longOrNull(table, "version_before"), longOrNull(table, "version_after")));
            }
            String runId = record.getAs("run_id");
            runs.putIfAbsent(runId, new ComputingRun(runId, record.getAs("command"), String.valueOf(record.<Object>getAs("started_at")),
                    record.getAs("outcome"), record.getAs("code_version"), record.getAs("configuration_hash"), tables));
        }
        return runs;
    }

    private List<ContributingRow> contributingRows(String indicatorId, String districtCode, int year) {
        String path = layout.lineage(IndicatorLineage.ROWS_TABLE);
        List<ContributingRow> rows = new ArrayList<>();
        if (!DeltaTables.exists(spark, path)) {
            return rows;
        }
        for (Row row : IndicatorLineage.cellRows(table(path), indicatorId, districtCode, year)
                .orderBy("role", "file_id", "row_number").collectAsList()) {
            rows.add(new ContributingRow(row.getAs("role"), row.getAs("file_id"), longOrNull(row, "row_number"), row.getAs("person_key")));
        }
        return rows;
    }

    private static Long longOrNull(Row row, String field) {
        Object value = row.getAs(field);
        return value == null ? null : ((Number) value).longValue();
    }

    private Dataset<Row> table(String path) {
        return spark.read().format("delta").load(path);
    }
}
