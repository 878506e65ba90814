package cn.hangzhou.indicators.catalog;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.parser.ParserInterface;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * Spark's SQL parser with the statisticians' guard of {@code bin/indicators sql} in front: once {@link #guard} is
 * called, every statement a session parses (each JDBC connection of {@code serve-sql} is a session) is checked by
 * {@link SqlQuery#check} first, so the endpoint answers queries of the analytics zone and refuses the rest with the
 * same message. Only statements are checked: expressions, names and types that Spark and Delta parse for themselves
 * pass as they are.
 *
 * <p>Spark's parser interface is a Scala trait; this class and {@link ReadOnlyEndpointExtension} are, with the quality
 * gate's Deequ adapter, the only code that meets Scala types ({@code scala.collection.Seq} of one method).
 */
public final class ReadOnlyStatementParser implements ParserInterface {

    /** {@code USE default}: what a Hive JDBC driver sends when it connects ({@code jdbc:hive2://host:port/default}). */
    private static final Pattern USE_DATABASE = Pattern.compile("\\s*use\\s+`?[a-z_][a-z0-9_]*`?\\s*;?\\s*", Pattern.CASE_INSENSITIVE);

    private static volatile List<NamedTable> guardedTables;

    private final ParserInterface delegate;

    public ReadOnlyStatementParser(ParserInterface delegate) {
        this.delegate = delegate;
    }

    /**
     * From now on, in this JVM, statements are checked against these tables (the restricted ones are refused by name).
     * Called once the endpoint has registered its tables, which it does with statements the guard refuses.
     */
    public static void guard(List<NamedTable> tables) {
        guardedTables = List.copyOf(tables);
    }

    /** Whether statements are checked (for the endpoint's start-up message and its tests). */
    public static boolean guarding() {
        return guardedTables != null;
    }

    @Override
    public LogicalPlan parsePlan(String sqlText) throws ParseException {
        if (!USE_DATABASE.matcher(sqlText.toLowerCase(Locale.ROOT)).matches()) {
            check(sqlText);
        }
        return delegate.parsePlan(sqlText);
    }

    @Override
    public LogicalPlan parseQuery(String sqlText) throws ParseException {
        check(sqlText);
        return delegate.parseQuery(sqlText);
    }

    private static void check(String sqlText) {
        List<NamedTable> tables = guardedTables;
        if (tables != null) {
            SqlQuery.check(sqlText, tables);
        }
    }

    @Override
    public Expression parseExpression(String sqlText) throws ParseException {
        return delegate.parseExpression(sqlText);
    }

    @Override
    public TableIdentifier parseTableIdentifier(String sqlText) throws ParseException {
        return delegate.parseTableIdentifier(sqlText);
    }

    @Override
    public FunctionIdentifier parseFunctionIdentifier(String sqlText) throws ParseException {
        return delegate.parseFunctionIdentifier(sqlText);
    }

    @Override
    public scala.collection.Seq<String> parseMultipartIdentifier(String sqlText) throws ParseException {
        return delegate.parseMultipartIdentifier(sqlText);
    }

    @Override
    public StructType parseTableSchema(String sqlText) throws ParseException {
        return delegate.parseTableSchema(sqlText);
    }

    @Override
    public DataType parseDataType(String sqlText) throws ParseException {
        return delegate.parseDataType(sqlText);
    }
}
