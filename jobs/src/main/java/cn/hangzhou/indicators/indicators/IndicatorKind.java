package cn.hangzhou.indicators.indicators;

import cn.hangzhou.indicators.config.ConfigurationException;
import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How an indicator's value is made from what its SQL returns.
 * <ul>
 *   <li>{@code ratio}: contributions (year, district_code, unit_key, numerator, denominator); value = factor × Σnumerator / Σdenominator</li>
 *   <li>{@code count}: contributions (year, district_code, unit_key, numerator); value = factor × Σnumerator</li>
 *   <li>{@code life_table}, {@code premature_mortality}: (year, district_code, age_group, deaths, population) for {@link LifeTable} / {@link PrematureMortality}</li>
 *   <li>{@code minimum_standard}: (year, district_code, monthly_standard, payments) for {@link MinimumStandard}</li>
 * </ul>
 */
public enum IndicatorKind {
    RATIO, COUNT, LIFE_TABLE, PREMATURE_MORTALITY, MINIMUM_STANDARD;

    @JsonCreator
    public static IndicatorKind parse(String value) {
        for (IndicatorKind kind : values()) {
            if (kind.name().equalsIgnoreCase(value)) {
                return kind;
            }
        }
        throw new ConfigurationException("'" + value + "' is not an indicator kind", "use one of "
                + Arrays.stream(values()).map(kind -> kind.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }

    /** Whether the SQL returns per-unit contributions that {@link ContributionAggregation} sums. */
    public boolean summed() {
        return this == RATIO || this == COUNT;
    }
}
