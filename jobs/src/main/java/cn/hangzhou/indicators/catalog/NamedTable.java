package cn.hangzhou.indicators.catalog;

import cn.hangzhou.indicators.config.SqlLiterals;

/**
 * A warehouse table under its SQL name ({@code silver.residents}, {@code gold.published_indicators}, …).
 *
 * @param name       {@code database.table}
 * @param relative   its folder under the warehouse root (e.g. {@code analytics/silver/residents})
 * @param restricted whether it holds direct identifiers, person keys or unsuppressed values (auditors only)
 */
public record NamedTable(String name, String relative, boolean restricted) {

    public String database() {
        return name.substring(0, name.indexOf('.'));
    }

    /** The name as SQL text, each part backquoted. */
    public String quotedName() {
        return SqlLiterals.qualifiedName(database(), name.substring(name.indexOf('.') + 1));
    }
}
