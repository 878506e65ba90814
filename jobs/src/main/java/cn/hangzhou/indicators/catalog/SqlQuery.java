package cn.hangzhou.indicators.catalog;

import cn.hangzhou.indicators.ops.DeltaTables;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
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

    /** A statement naming restricted tables without the role that may read them. */
    public static final class RestrictedTableException extends RuntimeException {
        public RestrictedTableException(List<String> tables) {
            super(String.join(", ", tables) + (tables.size() == 1 ? " is" : " are") + " in the restricted zone (identifiers, person keys or"
                    + " unsuppressed values): statisticians read silver, gold.published_indicators, quality, ops and"
                    + " lineage.indicator_sources; auditors add --restricted, and every such query is recorded in audit.sql_queries");
        }
    }

    private final SparkSession spark;
    private final WarehouseLayout layout;
    private final List<NamedTable> tables;
    private final boolean restrictedRole;
    private String runSqlOnFilesBefore;

    public SqlQuery(SparkSession spark, WarehouseLayout layout, List<NamedTable> tables, boolean restrictedRole) {
        this.spark = spark;
        this.layout = layout;
        this.tables = List.copyOf(tables);
        this.restrictedRole = restrictedRole;
    }

    /** Registers the tables the role may read and turns off SQL on files ({@code delta.`/path`}), which would bypass the names. */
    public SqlQuery open() {
        runSqlOnFilesBefore = spark.conf().get("spark.sql.runSQLOnFiles", "true");
        spark.conf().set("spark.sql.runSQLOnFiles", "false");
        WarehouseCatalog.register(spark, layout, tables, restrictedRole);
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
        List<String> restricted = restrictedTablesIn(statement, tables);
        if (!restricted.isEmpty() && !restrictedRole) {
            throw new RestrictedTableException(restricted);
        }
        if (restrictedRole) {
            record(statement);
        }
        return spark.sql(statement);
    }

    /** The restricted tables a statement names (backquotes and spacing around the dot ignored). */
    static List<String> restrictedTablesIn(String statement, List<NamedTable> tables) {
        String text = statement.replace("`", "").toLowerCase(Locale.ROOT);
        return tables.stream().filter(NamedTable::restricted).map(NamedTable::name)
                .filter(name -> Pattern.compile("\\b" + Pattern.quote(name.substring(0, name.indexOf('.'))) + "\\s*\\.\\s*"
                        + Pattern.quote(name.substring(name.indexOf('.') + 1)) + "\\b").matcher(text).find())
                .toList();
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
