package cn.hangzhou.indicators.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import cn.hangzhou.indicators.config.District;
import cn.hangzhou.indicators.config.ReferenceData;
import cn.hangzhou.indicators.indicators.Indicator;
import cn.hangzhou.indicators.indicators.IndicatorCatalogue;
import cn.hangzhou.indicators.indicators.IndicatorRunner;
import cn.hangzhou.indicators.indicators.PublishedIndicator;
import cn.hangzhou.indicators.lineage.ExplanationReader;
import cn.hangzhou.indicators.lineage.ValueExplanation;
import cn.hangzhou.indicators.ops.DeltaTables;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import cn.hangzhou.indicators.report.ReportData.ExtractOutcome;
import cn.hangzhou.indicators.report.ReportData.PeriodMetric;
import cn.hangzhou.indicators.report.ReportData.QualitySummary;
import cn.hangzhou.indicators.report.ReportData.ReportIndicator;
import cn.hangzhou.indicators.report.ReportData.RuleResult;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads the {@link ReportData} of one year from the warehouse: published_indicators of every year, the year's
 * explanations ({@link ExplanationReader}), the ingest manifest, check_results and the metrics history. Nothing of the
 * restricted zone leaves it but what the explanations hold (deliveries, rule results, table versions; no row or
 * person key).
 */
public final class ReportReader {

    private final SparkSession spark;
    private final WarehouseLayout layout;
    private final IndicatorCatalogue catalogue;
    private final ReferenceData reference;

    public ReportReader(SparkSession spark, WarehouseLayout layout, IndicatorCatalogue catalogue, ReferenceData reference) {
        this.spark = spark;
        this.layout = layout;
        this.catalogue = catalogue;
        this.reference = reference;
    }

    public ReportData read(int year, String generatedAt, String codeVersion) {
        List<ReportIndicator> indicators = new ArrayList<>();
        Map<String, ValueExplanation.Definition> definitions = new HashMap<>();
        for (String reportedId : catalogue.reportedIds()) {
            Indicator indicator = catalogue.byReportedId(reportedId);
            String breakdown = reportedId.equals(indicator.id()) ? "" : " (" + reportedId.substring(indicator.id().length() + 1) + ")";
            indicators.add(new ReportIndicator(reportedId, indicator.definition().nameZh() + breakdown,
                    indicator.definition().nameEn() + breakdown, indicator.definition().unit(), indicator.value2020(),
                    indicator.target2025(), indicator.targetRule().threshold()));
            definitions.put(reportedId, indicator.explanationDefinition());
        }
        List<District> areas = new ArrayList<>();
        areas.add(new District(District.CITY_CODE, "杭州市", "Hangzhou", "city", null,
                reference.districts().stream().mapToLong(District::census2020Population).sum()));
        areas.addAll(reference.districts());
        List<PublishedIndicator> published = IndicatorRunner.readPublished(spark, layout, null);
        Map<String, ValueExplanation> explanations = new HashMap<>();
        for (ValueExplanation explanation : new ExplanationReader(spark, layout).readYear(year, definitions::get)) {
            explanations.put(ReportData.cellKey(explanation.indicatorId(), explanation.districtCode(), explanation.year()), explanation);
        }
        return new ReportData(year, generatedAt, codeVersion, indicators, areas, published, explanations, quality(year));
    }

    private QualitySummary quality(int year) {
        Column ofYear = substring(col("period"), 1, 4).equalTo(lit(String.valueOf(year)));
        List<ExtractOutcome> outcomes = new ArrayList<>();
        Map<String, String> fileNames = new HashMap<>();
        if (DeltaTables.exists(spark, layout.ingestManifest())) {
            Dataset<Row> deliveries = table(layout.ingestManifest()).where(ofYear.and(col("status").notEqual(lit("duplicate"))));
            for (Row row : deliveries.groupBy("extract").agg(
                    count(col("status").notEqual(lit("rejected")).and(col("quality_status").equalTo(lit("passed")))),
                    count(col("status").notEqual(lit("rejected")).and(col("quality_status").equalTo(lit("warned")))),
                    count(col("status").equalTo(lit("rejected")).or(col("quality_status").equalTo(lit("rejected")))),
                    count(col("status").notEqual(lit("rejected")).and(col("quality_status").isNull())))
                    .orderBy("extract").collectAsList()) {
                outcomes.add(new ExtractOutcome(row.getString(0), row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4)));
            }
            deliveries.select("file_id", "file_name").collectAsList().forEach(row -> fileNames.put(row.getString(0), row.getString(1)));
        }
        List<RuleResult> notPassed = new ArrayList<>();
        List<PeriodMetric> failingRows = new ArrayList<>();
        String checkResults = layout.quality("check_results");
        if (DeltaTables.exists(spark, checkResults)) {
            Dataset<Row> results = table(checkResults);
            for (Row row : results.where(ofYear.and(col("status").notEqual(lit("passed"))))
                    .select("extract", "period", "file_id", "rule", "severity", "status", "failing_rows", "message")
                    .orderBy("extract", "period", "file_id", "rule").collectAsList()) {
                notPassed.add(new RuleResult(row.getString(0), row.getString(1), fileNames.getOrDefault(row.getString(2), row.getString(2)),
                        row.getString(3), row.getString(4), row.getString(5), row.isNullAt(6) ? null : row.getLong(6), row.getString(7)));
            }
            for (Row row : results.where(col("status").notEqual(lit("passed")).and(col("failing_rows").isNotNull()))
                    .groupBy("extract", "period").agg(sum("failing_rows")).orderBy("extract", "period").collectAsList()) {
                failingRows.add(new PeriodMetric(row.getString(0), row.getString(1), ((Number) row.get(2)).doubleValue()));
            }
        }
        return new QualitySummary(outcomes, notPassed, deliveredRows(), failingRows);
    }

    /** Rows delivered per extract and period from Deequ's metrics history (its dataset {@code Size}). */
    private List<PeriodMetric> deliveredRows() {
        String metrics = layout.quality("metrics");
        List<PeriodMetric> rows = new ArrayList<>();
        if (!DeltaTables.exists(spark, metrics)) {
            return rows;
        }
        Dataset<Row> sizes = table(metrics).select(col("data_set_date"), col("tags").getItem("extract").as("extract"),
                        explode(col("metrics")).as("metric"))
                .where(col("metric.name").equalTo(lit("Size")).and(col("metric.entity").equalTo(lit("Dataset"))))
                .groupBy("extract", "data_set_date").agg(sum("metric.value"))
                .orderBy("extract", "data_set_date");
        for (Row row : sizes.collectAsList()) {
            String period = Instant.ofEpochMilli(row.getLong(1)).atZone(ZoneOffset.UTC).toLocalDate().toString().substring(0, 7);
            rows.add(new PeriodMetric(row.getString(0), period, ((Number) row.get(2)).doubleValue()));
        }
        return rows;
    }

    private static Column count(Column condition) {
        return sum(when(condition, lit(1L)).otherwise(lit(0L)));
    }

    private Dataset<Row> table(String path) {
        return spark.read().format("delta").load(path);
    }
}
