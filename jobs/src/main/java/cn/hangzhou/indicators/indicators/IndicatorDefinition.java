package cn.hangzhou.indicators.indicators;

import cn.hangzhou.indicators.config.ConfigurationException;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code conf/indicators.yaml}, as written there (snake_case keys).
 *
 * @param sql         a resource in {@code cn/hangzhou/indicators/indicators/}; {@code ${name}} placeholders are
 *                    replaced by {@code parameters}
 * @param factor      value = factor × Σnumerator / Σdenominator (ratio) or factor × Σnumerator (other kinds)
 * @param breakdown   values of the SQL's {@code breakdown} column; each gives one published id {@code id/value}
 * @param lineageSql  for the kinds whose SQL returns aggregates (life table, premature mortality, minimum standard):
 *                    a resource returning the silver rows behind them, for cell lineage (same parameters as
 *                    {@code sql}); summed kinds carry their sources in {@code sql} itself and give none
 */
public record IndicatorDefinition(String id, String nameZh, String nameEn, String unit, IndicatorKind kind,
                                  String numerator, String denominator, String sql, Map<String, String> parameters,
                                  Double factor, DisclosureRule disclosure, List<String> breakdown,
                                  String lineageSql, Integer decimals) {

    /** The scale of published values, numerators and denominators (decimal columns): no unit needs more. */
    public static final int PUBLISHED_SCALE = 6;

    public IndicatorDefinition {
        ConfigurationException.require(id != null && id.matches("[A-Z0-9]+-[0-9A-Za-z]+"), "indicator id '" + id + "' is not like T2-03",
                "give every indicator the plan's id");
        String where = "indicator " + id;
        ConfigurationException.require(notBlank(nameZh) && notBlank(nameEn), where + " has no name_zh or name_en", "add both names");
        ConfigurationException.require(notBlank(unit), where + " has no unit", "add unit");
        ConfigurationException.require(kind != null, where + " has no kind", "add kind: ratio, count, life_table, premature_mortality or minimum_standard");
        ConfigurationException.require(notBlank(numerator), where + " has no numerator definition", "describe the numerator");
        ConfigurationException.require(kind != IndicatorKind.RATIO || notBlank(denominator), where + " is a ratio without denominator",
                "describe the denominator");
        ConfigurationException.require(notBlank(sql) && sql.endsWith(".sql"), where + " names no .sql resource", "add sql: <file>.sql");
        ConfigurationException.require(factor != null && factor > 0, where + " has no positive factor", "add factor: 100 for a percentage, 1 for a plain value");
        ConfigurationException.require(disclosure != null, where + " has no disclosure rule", "add disclosure: rate, count, deaths or none");
        ConfigurationException.require(lineageSql == null || !kind.summed(), where + " is a " + kind.name().toLowerCase(java.util.Locale.ROOT)
                + " indicator with a lineage_sql", "remove lineage_sql: the sql of a ratio or count returns its sources itself");
        ConfigurationException.require(lineageSql == null || lineageSql.endsWith(".sql"), where + ": lineage_sql '" + lineageSql
                + "' is not a .sql resource", "give lineage_sql: <file>.sql");
        ConfigurationException.require(decimals != null && decimals >= 0 && decimals <= PUBLISHED_SCALE, where + " has no decimals from 0 to "
                + PUBLISHED_SCALE + (decimals == null ? "" : " (" + decimals + ")"), "add decimals: 2 for a rate, 4 for 10 000 persons, 0 for persons");
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        breakdown = breakdown == null ? List.of() : List.copyOf(breakdown);
        for (String value : breakdown) {
            ConfigurationException.require(notBlank(value) && !value.contains("/"), where + " has a bad breakdown value '" + value + "'",
                    "use non-empty values without '/'");
        }
    }

    private static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }
}
