package cn.hangzhou.indicators.report;

import cn.hangzhou.indicators.config.District;
import cn.hangzhou.indicators.indicators.PublishedIndicator;
import cn.hangzhou.indicators.lineage.ValueExplanation;
import java.util.List;
import java.util.Map;

/**
 * What the indicator report of one year shows, read from the warehouse by {@link ReportReader}: the reported
 * indicators in catalogue order, the areas (city first), the published values of every year (for the trends), the
 * explanation of every value of the year, and the quality of the deliveries.
 *
 * @param areas       the city ({@link District#CITY_CODE}) and then the districts in reference order
 * @param published   published rows of every year present
 * @param explanations the year's explanations by {@link #cellKey}
 */
public record ReportData(int year, String generatedAt, String codeVersion, List<ReportIndicator> indicators, List<District> areas,
                         List<PublishedIndicator> published, Map<String, ValueExplanation> explanations, QualitySummary quality) {

    public ReportData {
        indicators = List.copyOf(indicators);
        areas = List.copyOf(areas);
        published = List.copyOf(published);
        explanations = Map.copyOf(explanations);
    }

    /** One reported indicator id (a breakdown value has its own): names, unit, the plan's 2020 value and 2025 target. */
    public record ReportIndicator(String reportedId, String nameZh, String nameEn, String unit, String value2020, String target2025,
                                  Double targetThreshold) {
    }

    /**
     * The deliveries' quality: outcomes of the year by extract, the rules not passed, and two histories by extract and
     * period over every year: rows delivered (the metrics history's {@code Size}) and rows failing a rule.
     */
    public record QualitySummary(List<ExtractOutcome> outcomes, List<RuleResult> notPassed, List<PeriodMetric> deliveredRows,
                                 List<PeriodMetric> failingRows) {

        public QualitySummary {
            outcomes = List.copyOf(outcomes);
            notPassed = List.copyOf(notPassed);
            deliveredRows = List.copyOf(deliveredRows);
            failingRows = List.copyOf(failingRows);
        }
    }

    /** How many of an extract's deliveries of the year passed, warned or were rejected (by the gate or at ingest). */
    public record ExtractOutcome(String extract, long passed, long warned, long rejected, long notChecked) {
    }

    /** A rule that did not pass on a delivery of the year. */
    public record RuleResult(String extract, String period, String fileName, String rule, String severity, String status,
                             Long failingRows, String message) {
    }

    /** One figure of an extract in one period (yyyy-MM). */
    public record PeriodMetric(String extract, String period, double value) {
    }

    public static String cellKey(String indicatorId, String districtCode, int year) {
        return indicatorId + "|" + districtCode + "|" + year;
    }

    public List<Integer> years() {
        return published.stream().map(PublishedIndicator::year).distinct().sorted().toList();
    }
}
