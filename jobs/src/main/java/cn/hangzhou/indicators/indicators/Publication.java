package cn.hangzhou.indicators.indicators;

import java.util.List;
import java.util.Map;

/** The publication stage: unsuppressed values in, the published view's rows out (disclosure control, rounding, targets). */
public final class Publication {

    private Publication() {
    }

    /** The published rows of the values (of one or more whole years: secondary suppression needs every area of a year). */
    public static List<PublishedIndicator> publish(List<IndicatorValue> values, IndicatorCatalogue catalogue) {
        Map<SecondarySuppression.Cell, String> statuses = SecondarySuppression.statuses(values, catalogue);
        return values.stream().map(value -> PublishedIndicator.of(value, catalogue.byReportedId(value.indicatorId()),
                statuses.get(SecondarySuppression.Cell.of(value)))).toList();
    }

    /** The unsuppressed values, each with the disclosure status publication gives it (auditors' {@code export --all}). */
    public static List<PublishedIndicator> unsuppressed(List<IndicatorValue> values, IndicatorCatalogue catalogue) {
        Map<SecondarySuppression.Cell, String> statuses = SecondarySuppression.statuses(values, catalogue);
        return values.stream().map(value -> PublishedIndicator.unsuppressed(value, catalogue.byReportedId(value.indicatorId()),
                statuses.get(SecondarySuppression.Cell.of(value)))).toList();
    }
}
