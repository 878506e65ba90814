package cn.hangzhou.indicators.indicators;

import cn.hangzhou.indicators.config.ConfigurationException;
import com.fasterxml.jackson.annotation.JsonCreator;

/** Which small-cell rule of the publication rules applies to an indicator (see {@link DisclosureControl}). */
public enum DisclosureRule {
    /** a rate: withheld where its numerator or denominator is between 1 and 4 */
    RATE,
    /** a count: withheld where it is between 1 and 4 */
    COUNT,
    /** life expectancy, premature mortality: withheld where fewer than 20 deaths are behind it (the numerator) */
    DEATHS,
    /** a standard or an amount of money: not a count of persons, never withheld as a small cell */
    NONE;

    @JsonCreator
    public static DisclosureRule parse(String value) {
        for (DisclosureRule rule : values()) {
            if (rule.name().equalsIgnoreCase(value)) {
                return rule;
            }
        }
        throw new ConfigurationException("'" + value + "' is not a disclosure rule", "use one of rate, count, deaths, none");
    }
}
