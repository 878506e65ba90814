package cn.hangzhou.indicators.indicators;

import cn.hangzhou.indicators.lineage.ValueExplanation;
import java.util.List;
import java.util.Locale;

/**
 * A catalogue entry resolved: its SQL with parameters filled in, the plan's printed 2020 value and 2025 target,
 * and the definition version (SHA-256 of the definition's text and SQL). {@code lineageSqlText} is the resolved
 * {@code lineage_sql}, null where there is none.
 */
public record Indicator(IndicatorDefinition definition, String sqlText, String value2020, String target2025,
                        TargetRule targetRule, String definitionVersion, String lineageSqlText) {

    public String id() {
        return definition.id();
    }

    public IndicatorKind kind() {
        return definition.kind();
    }

    /** The ids values are reported under: the id itself, or {@code id/value} for each breakdown value. */
    public List<String> reportedIds() {
        if (definition.breakdown().isEmpty()) {
            return List.of(definition.id());
        }
        return definition.breakdown().stream().map(value -> definition.id() + "/" + value).toList();
    }

    /** The id reported for one breakdown value (null for an indicator without breakdown). */
    public String reportedId(String breakdownValue) {
        return breakdownValue == null ? definition.id() : definition.id() + "/" + breakdownValue;
    }

    /** The definition as an explanation shows it; the stored value's definition version is filled in by the reader. */
    public ValueExplanation.Definition explanationDefinition() {
        return new ValueExplanation.Definition(definition.nameZh(), definition.nameEn(), definition.unit(),
                kind().name().toLowerCase(Locale.ROOT), definition.numerator(), definition.denominator(), definition.sql(), sqlText,
                definition.lineageSql(), null, definitionVersion);
    }
}
