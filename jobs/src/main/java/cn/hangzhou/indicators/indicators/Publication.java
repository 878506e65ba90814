package cn.hangzhou.indicators.indicators;

import java.util.List;

/** The publication stage: unsuppressed values in, the published view's rows out (disclosure control, targets). */
public final class Publication {

    private Publication() {
    }

    public static List<PublishedIndicator> publish(List<IndicatorValue> values, IndicatorCatalogue catalogue) {
        return values.stream().map(value -> PublishedIndicator.of(value, catalogue.byReportedId(value.indicatorId()))).toList();
    }
}
