package cn.hangzhou.indicators.indicators;

/**
 * One row of {@code analytics/gold/published_indicators} (and of the export): value, numerator and denominator
 * are null where withheld; target_met is judged against the plan's 2025 target as printed.
 */
public record PublishedIndicator(String indicatorId, String districtCode, int year, Double value, Double numerator,
                                 Double denominator, String unit, String qualityStatus, String disclosureStatus,
                                 String target2025, Boolean targetMet) {

    /** Applies disclosure control and the target to an unsuppressed value. */
    public static PublishedIndicator of(IndicatorValue value, Indicator indicator) {
        String disclosure = DisclosureControl.status(indicator.definition().disclosure(), value.qualityStatus(),
                value.numerator(), value.denominator());
        boolean shown = disclosure.equals(DisclosureControl.PUBLISHED);
        Boolean met = shown ? indicator.targetRule().met(value.value()) : null;
        return new PublishedIndicator(value.indicatorId(), value.districtCode(), value.year(),
                shown ? value.value() : null, shown ? value.numerator() : null, shown ? value.denominator() : null,
                value.unit(), value.qualityStatus().name(), disclosure, indicator.target2025(), met);
    }

    /** The unsuppressed value with the status publication would give it (for auditors' {@code --all} export). */
    public static PublishedIndicator unsuppressed(IndicatorValue value, Indicator indicator) {
        String disclosure = DisclosureControl.status(indicator.definition().disclosure(), value.qualityStatus(),
                value.numerator(), value.denominator());
        return new PublishedIndicator(value.indicatorId(), value.districtCode(), value.year(), value.value(),
                value.numerator(), value.denominator(), value.unit(), value.qualityStatus().name(), disclosure,
                indicator.target2025(), indicator.targetRule().met(value.value()));
    }
}
