package cn.hangzhou.indicators.config;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * The one place SQL text quotes a value: Spark SQL string literals, lists of them and identifiers. Prefer the Column
 * API ({@code functions.lit}, {@code isin}) where a {@code Column} is accepted; use this where only text is.
 */
public final class SqlLiterals {

    private SqlLiterals() {
    }

    /**
     * A Spark SQL string literal with the value's text exactly: backslashes and single quotes escaped (Spark's default,
     * {@code spark.sql.parser.escapedStringLiterals=false}). Doubling a quote ({@code 'it''s'}) would be wrong in
     * Spark: it reads two adjacent literals and joins them ({@code its}).
     */
    public static String stringLiteral(String value) {
        if (value == null) {
            throw new IllegalArgumentException("a null value has no string literal; use IS NULL");
        }
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** {@code (literal, literal, ...)} for {@code IN}: never empty, since {@code IN ()} is not SQL. */
    public static String stringList(Collection<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an IN list needs at least one value");
        }
        return values.stream().map(SqlLiterals::stringLiteral).collect(Collectors.joining(", ", "(", ")"));
    }

    /** A quoted identifier (column, table or database name): backquoted, backquotes inside doubled. */
    public static String identifier(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("an identifier needs a name");
        }
        return "`" + name.replace("`", "``") + "`";
    }

    /** {@code `database`.`table`}. */
    public static String qualifiedName(String database, String table) {
        return identifier(database) + "." + identifier(table);
    }
}
