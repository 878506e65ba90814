package cn.hangzhou.indicators.quality;

import java.util.Map;

/**
 * Where a delivery's metrics go in the metrics history: the first instant of its period (monthly files of
 * different months, or yearly files of different years, form the history) and the series it belongs to.
 */
public record HistoryKey(long periodStartMillis, Map<String, String> tags) {

    public HistoryKey {
        tags = Map.copyOf(tags);
    }
}
