package cn.hangzhou.indicators.indicators;

/** One computed value, unsuppressed: what {@code restricted/gold/indicator_values} holds besides run id and time. */
public record IndicatorValue(String indicatorId, String districtCode, int year, Double value, Double numerator,
                             Double denominator, String unit, QualityStatus qualityStatus, String definitionVersion) {
}
