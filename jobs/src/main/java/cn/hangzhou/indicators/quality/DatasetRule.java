package cn.hangzhou.indicators.quality;

import java.util.List;

/**
 * A dataset-level rule ready for Deequ: the configured rule and the columns of the prepared delivery frame it
 * reads (key columns with blanks as nulls, or a typed column for {@code mean}).
 */
public record DatasetRule(QualityRule rule, List<String> columns) {

    public DatasetRule {
        columns = List.copyOf(columns);
    }
}
