package cn.hangzhou.indicators.catalog;

import cn.hangzhou.indicators.ops.WarehouseLayout;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.hive.thriftserver.HiveThriftServer2;

/**
 * The warehouse's analytics zone behind Spark's Thrift JDBC/ODBC server (the HiveServer2 protocol: beeline, the Hive
 * JDBC driver, DBeaver, R's RJDBC, Python's PyHive and pyodbc): the same names, comments and time travel as
 * {@code bin/indicators sql}, the same statement guard, and no restricted table registered at all.
 */
public final class SqlEndpoint implements AutoCloseable {

    private final HiveThriftServer2 server;
    private final String host;
    private final int port;
    private final List<NamedTable> served;

    private SqlEndpoint(HiveThriftServer2 server, String host, int port, List<NamedTable> served) {
        this.server = server;
        this.host = host;
        this.port = port;
        this.served = served;
    }

    /**
     * Registers every table of the analytics zone, turns the statement guard on and starts the server on
     * {@code host:port}. The session must have been created with {@link ReadOnlyEndpointExtension} and with SQL on files
     * switched off ({@link #SESSION_SETTINGS}), which every JDBC connection's session inherits.
     */
    public static SqlEndpoint start(SparkSession spark, WarehouseLayout layout, String host, int port) {
        if (!spark.conf().get("spark.sql.extensions", "").contains(ReadOnlyEndpointExtension.class.getName())
                || spark.conf().get("spark.sql.runSQLOnFiles", "true").equals("true")) {
            throw new IllegalStateException("the SQL endpoint needs a session created with SqlEndpoint.SESSION_SETTINGS");
        }
        List<NamedTable> tables = WarehouseCatalog.tables(spark, layout);
        WarehouseCatalog.prepare(spark, tables, false);
        List<NamedTable> served = tables.stream().filter(table -> !table.restricted()).toList();
        for (NamedTable table : served) {
            WarehouseCatalog.register(spark, layout, table);
        }
        ReadOnlyStatementParser.guard(tables);
        // read by the server from the session's Hadoop configuration, which holds the session's SQL settings
        spark.conf().set("hive.server2.thrift.bind.host", host);
        spark.conf().set("hive.server2.thrift.port", Integer.toString(port));
        spark.conf().set("hive.server2.transport.mode", "binary");
        HiveThriftServer2 server = HiveThriftServer2.startWithContext(spark.sqlContext());
        return new SqlEndpoint(server, host, port, served);
    }

    /**
     * The settings of a session that serves SQL: Delta's extension and then the guard's, whose parser wraps Delta's; SQL
     * on files off (a connection cannot switch it back: SET is refused).
     */
    public static final java.util.Map<String, String> SESSION_SETTINGS = java.util.Map.of(
            "spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension," + ReadOnlyEndpointExtension.class.getName(),
            "spark.sql.runSQLOnFiles", "false");

    /** The URL a JDBC client connects to. */
    public String jdbcUrl() {
        return "jdbc:hive2://" + host + ":" + port + "/default";
    }

    /** The tables it serves, by name. */
    public List<NamedTable> servedTables() {
        return served;
    }

    @Override
    public void close() {
        server.stop();
    }
}
