package cn.hangzhou.indicators.quality;

import static cn.hangzhou.indicators.config.SqlLiterals.identifier;
import static cn.hangzhou.indicators.config.SqlLiterals.stringLiteral;

import cn.hangzhou.indicators.config.ColumnSpec;

/**
 * Spark SQL over bronze text: the trimmed value and the typed value of a column as the schema declares it
 * (null where blank or unparseable), and the bounds of a row's period.
 */
final class ColumnValues {

    /** First day of the row's period ({@code _period} is {@code yyyy} or {@code yyyyMM}). */
    static final String PERIOD_START = "to_date(concat(_period, CASE WHEN length(_period) = 4 THEN '0101' ELSE '01' END), 'yyyyMMdd')";
    /** Last day of the row's period. */
    static final String PERIOD_END = "CASE WHEN length(_period) = 4 THEN to_date(concat(_period, '1231'), 'yyyyMMdd') ELSE last_day("
            + PERIOD_START + ") END";

    private ColumnValues() {
    }

    /** The value without surrounding blanks; null when empty. */
    static String trimmed(String column) {
        return "nullif(trim(" + identifier(column) + "), '')";
    }

    /**
     * The typed value: dates strictly per the schema's pattern ({@code 2024-02-30} is null), integers, decimals
     * (with thousands separators where the schema says so), months, years, booleans and ages; for other types
     * the trimmed text.
     */
    static String typed(ColumnSpec column) {
        String value = trimmed(column.name());
        return switch (column.type()) {
            case INTEGER -> "CASE WHEN " + value + " RLIKE '^-?[0-9]+$' THEN CAST(" + value + " AS BIGINT) END";
            case DECIMAL -> "thousands".equals(column.format())
                    ? "CASE WHEN " + value + " RLIKE '^-?([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\\\\.[0-9]+)?$' THEN CAST(regexp_replace("
                    + value + ", ',', '') AS DECIMAL(20,2)) END"
                    : "CASE WHEN " + value + " RLIKE '^-?[0-9]+(\\\\.[0-9]+)?$' THEN CAST(" + value + " AS DECIMAL(20,2)) END";
            case DATE -> "to_date(" + value + ", " + stringLiteral(column.format()) + ")";
            case MONTH -> "CASE WHEN " + value + " RLIKE '^[0-9]{6}$' THEN to_date(" + value + ", 'yyyyMM') END";
            case YEAR -> "CASE WHEN " + value + " RLIKE '^[0-9]{4}$' THEN CAST(" + value + " AS INT) END";
            case BOOLEAN -> "CASE WHEN " + value + " = " + stringLiteral(column.trueLiteral()) + " THEN true WHEN " + value + " = "
                    + stringLiteral(column.falseLiteral()) + " THEN false END";
            case AGE -> "CASE WHEN " + value + " RLIKE '^([0-9]|[1-9][0-9])$' THEN CAST(" + value + " AS INT) WHEN " + value
                    + " = '100+' THEN 100 END";
            default -> value;
        };
    }
}
