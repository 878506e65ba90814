package cn.hangzhou.indicators.indicators;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One row of {@code analytics/gold/published_indicators} (and of the export): value, numerator and denominator
 * are null where withheld; the value is rounded to its indicator's decimals, numerator and denominator to
 * {@link IndicatorDefinition#PUBLISHED_SCALE}; target_met is judged on the unrounded value against the plan's 2025
 * target as printed.
 */
public record PublishedIndicator(String indicatorId, String districtCode, int year, BigDecimal value, BigDecimal numerator,
                                 BigDecimal denominator, String unit, String qualityStatus, String disclosureStatus,
                                 String target2025, Boolean targetMet) {

    /** The published row of an unsuppressed value, given its disclosure status (see {@link SecondarySuppression}). */
    public static PublishedIndicator of(IndicatorValue value, Indicator indicator, String disclosure) {
        boolean shown = disclosure.equals(DisclosureControl.PUBLISHED);
        Boolean met = shown ? indicator.targetRule().met(value.value()) : null;
        int decimals = indicator.definition().decimals();
        return new PublishedIndicator(value.indicatorId(), value.districtCode(), value.year(),
                shown ? presented(value.value(), decimals) : null,
                shown ? decimal(value.numerator(), IndicatorDefinition.PUBLISHED_SCALE) : null,
                shown ? decimal(value.denominator(), IndicatorDefinition.PUBLISHED_SCALE) : null,
                value.unit(), value.qualityStatus().name(), disclosure, indicator.target2025(), met);
    }

    /** The unsuppressed value with the status publication gives it (for auditors' {@code --all} export). */
    public static PublishedIndicator unsuppressed(IndicatorValue value, Indicator indicator, String disclosure) {
        return new PublishedIndicator(value.indicatorId(), value.districtCode(), value.year(),
                decimal(value.value(), IndicatorDefinition.PUBLISHED_SCALE), decimal(value.numerator(), IndicatorDefinition.PUBLISHED_SCALE),
                decimal(value.denominator(), IndicatorDefinition.PUBLISHED_SCALE), value.unit(), value.qualityStatus().name(), disclosure,
                indicator.target2025(), indicator.targetRule().met(value.value()));
    }

    /** Rounded to the indicator's decimals, held at the table's scale (so that a row read back equals the row written). */
    private static BigDecimal presented(Double number, int decimals) {
        BigDecimal rounded = decimal(number, decimals);
        return rounded == null ? null : rounded.setScale(IndicatorDefinition.PUBLISHED_SCALE);
    }

    /** A double as a decimal rounded half up to {@code scale} decimals (which removes binary floating-point noise). */
    static BigDecimal decimal(Double number, int scale) {
        if (number == null || number.isNaN() || number.isInfinite()) {
            return null;
        }
        return BigDecimal.valueOf(number).setScale(scale, RoundingMode.HALF_UP);
    }
}
