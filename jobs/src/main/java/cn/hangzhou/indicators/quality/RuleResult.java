package cn.hangzhou.indicators.quality;

import java.util.List;

/**
 * The outcome of one rule on one delivery, a row of {@code analytics/quality/check_results}.
 *
 * @param metric           row rules: the share of rows that pass; dataset rules: Deequ's metric
 * @param exampleLocations up to five {@code source_name:row} of failing rows, never their values
 */
public record RuleResult(Delivery delivery, String rule, Severity severity, boolean passed, Double metric, long failingRows,
                         String message, List<String> exampleLocations) {

    public RuleResult {
        exampleLocations = List.copyOf(exampleLocations);
    }

    public String status() {
        return passed ? "passed" : "failed";
    }
}
