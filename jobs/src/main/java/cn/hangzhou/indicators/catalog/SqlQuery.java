package cn.hangzhou.indicators.catalog;

import cn.hangzhou.indicators.ops.DeltaTables;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One SQL statement over the named tables: refused when it names a restricted table without the restricted role,
 * recorded in {@code audit.sql_queries} (who, when, what) when it runs with that role.
 */
public final class SqlQuery implements AutoCloseable {

    /** Where queries of the restricted zone are recorded: under restricted/, since a statement may hold an identifier. */
    public static final String AUDIT_TABLE = "restricted/audit/sql_queries";

    private static final StructType AUDIT_COLUMNS = new StructType()
            .add("queried_at", DataTypes.TimestampType, false)
            .add("user_name", DataTypes.StringType)
            .add("host", DataTypes.StringType)
            .add("statement", DataTypes.StringType, false);

    /** What a statement may start with without the restricted role: queries, listings and plans, nothing that writes or configures. */
    static final Set<String> READING_STATEMENTS = Set.of("select", "with", "values", "table", "from", "show", "describe", "desc", "explain");
    /**
     * Words that change the session or the tables (a session setting can switch SQL on files back on, a table can be
     * created over a restricted folder, a function can call Java); {@code SHOW CREATE TABLE} reads, so SHOW is exempt.
     */
    static final Set<String> CHANGING_WORDS = Set.of("insert", "merge", "delete", "update", "drop", "create", "alter", "truncate",
            "set", "reset", "vacuum", "optimize", "restore", "cache", "uncache", "refresh", "msck", "load", "convert", "clone",
            "repair", "add", "use", "reflect", "java_method", "try_reflect");
    private static final Pattern RESTRICTED_PATH = Pattern.compile("(^|[/\\\\])restricted([/\\\\]|$)", Pattern.CASE_INSENSITIVE);

    /** A statement naming restricted tables, or able to reach them otherwise, without the role that may read them. */
    public static final class RestrictedTableException extends RuntimeException {
        public RestrictedTableException(List<String> tables) {
            super(String.join(", ", tables) + (tables.size() == 1 ? " is" : " are") + " in the restricted zone (identifiers, person keys or"
                    + " unsuppressed values): statisticians read silver, gold.published_indicators, quality, ops and"
                    + " lineage.indicator_sources; auditors add --restricted, and every such query is recorded in audit.sql_queries");
        }

        RestrictedTableException(String reason) {
            super(reason + "; auditors add --restricted, and every such statement is recorded in audit.sql_queries");
        }
    }

    private final SparkSession spark;
    private final WarehouseLayout layout;
    private final List<NamedTable> tables;
    private final boolean restrictedRole;
    private final Set<String> registered = new HashSet<>();
    private String runSqlOnFilesBefore;

    public SqlQuery(SparkSession spark, WarehouseLayout layout, List<NamedTable> tables, boolean restrictedRole) {
        this.spark = spark;
        this.layout = layout;
        this.tables = List.copyOf(tables);
        this.restrictedRole = restrictedRole;
    }

    /**
     * Creates the databases and turns off SQL on files ({@code delta.`/path`}), which would bypass the names. Tables
     * are registered as statements name them: registering every table read every table's Delta log, a minute before
     * the first result.
     */
    public SqlQuery open() {
        runSqlOnFilesBefore = spark.conf().get("spark.sql.runSQLOnFiles", "true");
        spark.conf().set("spark.sql.runSQLOnFiles", "false");
        WarehouseCatalog.prepare(spark, tables, restrictedRole);
        return this;
    }

    /** Gives the session back as it was (SQL on files again): the session may outlive the query, as in tests. */
    @Override
    public void close() {
        if (runSqlOnFilesBefore != null) {
            spark.conf().set("spark.sql.runSQLOnFiles", runSqlOnFilesBefore);
        }
    }

    /** The statement's result (checked, and recorded with the restricted role, before it runs). */
    public Dataset<Row> run(String statement) {
        if (restrictedRole) {
            record(statement);
        } else {
            check(statement, tables);
            // a statement cannot switch it back on (SET is refused), but the session may have been handed over so
            spark.conf().set("spark.sql.runSQLOnFiles", "false");
        }
        for (NamedTable table : tablesNamedIn(StatementTokens.of(statement), tables)) {
            if ((restrictedRole || !table.restricted()) && registered.add(table.name())) {
                WarehouseCatalog.register(spark, layout, table);
            }
        }
        return spark.sql(statement);
    }

    /**
     * The tables a statement reads: those it names ({@code gold.published_indicators}, quoted or not), and for a
     * {@code SHOW} or a {@code DESCRIBE DATABASE}, every table of the databases it names.
     */
    static List<NamedTable> tablesNamedIn(List<StatementTokens.Token> tokens, List<NamedTable> tables) {
        Set<String> named = namesIn(tokens);
        String first = tokens.stream().filter(token -> !token.isSymbol('(')).findFirst()
                .map(token -> token.text().toLowerCase(Locale.ROOT)).orElse("");
        boolean listing = first.equals("show") || ((first.equals("describe") || first.equals("desc"))
                && tokens.stream().anyMatch(token -> token.kind() == StatementTokens.Kind.WORD
                        && Set.of("database", "schema", "namespace").contains(token.text().toLowerCase(Locale.ROOT))));
        return tables.stream().filter(table -> named.contains(table.name()) || (listing && named.contains(table.database())))
                .toList();
    }

    /**
     * Refuses, for the statisticians' role, a statement that names a restricted table (however quoted, spaced or
     * commented), names a path into {@code restricted/}, or is not a query (see {@link #READING_STATEMENTS}).
     */
    static void check(String statement, List<NamedTable> tables) {
        List<StatementTokens.Token> tokens = StatementTokens.of(statement);
        List<String> restricted = restrictedTablesIn(tokens, tables);
        if (!restricted.isEmpty()) {
            throw new RestrictedTableException(restricted);
        }
        for (StatementTokens.Token token : tokens) {
            if (token.kind() != StatementTokens.Kind.WORD && RESTRICTED_PATH.matcher(token.text()).find()) {
                throw new RestrictedTableException("'" + token.text() + "' is a path into the restricted zone (identifiers, person keys or"
                        + " unsuppressed values)");
            }
        }
        String first = tokens.stream().filter(token -> !token.isSymbol('(')).findFirst()
                .map(token -> token.text().toLowerCase(Locale.ROOT)).orElse("");
        if (!READING_STATEMENTS.contains(first)) {
            throw notAQuery(first);
        }
        if (!first.equals("show")) {
            for (StatementTokens.Token token : tokens) {
                if (token.kind() == StatementTokens.Kind.WORD && CHANGING_WORDS.contains(token.text().toLowerCase(Locale.ROOT))) {
                    throw notAQuery(token.text());
                }
            }
        }
    }

    private static RestrictedTableException notAQuery(String word) {
        return new RestrictedTableException("only queries run without --restricted (SELECT, WITH, VALUES, SHOW, DESCRIBE, EXPLAIN): '"
                + word + "' could change the session or the tables and so reach the restricted zone");
    }

    /** The restricted tables a statement names: any two names joined by a dot, quoted or not, comments ignored. */
    static List<String> restrictedTablesIn(String statement, List<NamedTable> tables) {
        return restrictedTablesIn(StatementTokens.of(statement), tables);
    }

    private static List<String> restrictedTablesIn(List<StatementTokens.Token> tokens, List<NamedTable> tables) {
        Set<String> named = namesIn(tokens);
        return tables.stream().filter(NamedTable::restricted).map(NamedTable::name).filter(named::contains).toList();
    }

    /** Every name of a statement, and every two names joined by a dot, in lower case. */
    private static Set<String> namesIn(List<StatementTokens.Token> tokens) {
        Set<String> named = new HashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            StatementTokens.Token token = tokens.get(i);
            if (token.isName()) {
                // `gold.indicator_values` is one name to Spark; counted anyway
                named.add(token.text().toLowerCase(Locale.ROOT).strip());
                if (i + 2 < tokens.size() && tokens.get(i + 1).isSymbol('.') && tokens.get(i + 2).isName()) {
                    named.add(token.text().toLowerCase(Locale.ROOT).strip() + "." + tokens.get(i + 2).text().toLowerCase(Locale.ROOT).strip());
                }
            }
        }
        return named;
    }

    private void record(String statement) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = null;
        }
        Row row = RowFactory.create(Timestamp.from(Instant.now()), System.getProperty("user.name"), host, statement);
        String path = layout.root() + "/" + AUDIT_TABLE;
        var writer = spark.createDataFrame(List.of(row), AUDIT_COLUMNS).write().format("delta").mode("append");
        if (DeltaTables.exists(spark, path)) {
            writer.save(path);
        } else {
            DeltaTables.createWithStatisticsOn(spark, List.of("queried_at"), () -> writer.save(path));
        }
    }
}
