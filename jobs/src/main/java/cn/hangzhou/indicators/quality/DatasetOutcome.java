package cn.hangzhou.indicators.quality;

/** What a dataset-level rule found on one delivery: passed or not, the metric it measured, and why. */
public record DatasetOutcome(String rule, boolean passed, Double metric, String message) {
}
