package cn.hangzhou.indicators.cli;

import cn.hangzhou.indicators.catalog.NamedTable;
import cn.hangzhou.indicators.catalog.SqlEndpoint;
import cn.hangzhou.indicators.config.RunSettings;
import cn.hangzhou.indicators.ops.SparkSessions;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import java.io.PrintWriter;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bin/indicators serve-sql}: a JDBC/ODBC endpoint (HiveServer2 protocol) over the analytics zone's named tables. */
@Command(name = "serve-sql", mixinStandardHelpOptions = true,
        description = {"Serves the analytics zone's tables by name (silver.*, gold.published_indicators, quality.*, ops.*,"
                + " lineage.indicator_sources) over JDBC/ODBC: Spark's Thrift server, the HiveServer2 protocol, so beeline, the Hive"
                + " JDBC driver (DBeaver, R's RJDBC) and Python's PyHive connect to jdbc:hive2://HOST:PORT/default. Queries only,"
                + " with Delta time travel; the restricted zone is not served (bin/indicators sql --restricted is the auditors' way).",
                "Runs until stopped (Ctrl-C, SIGTERM). Tables created after the start are served after a restart."})
public class ServeSqlCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    PipelineOptions pipelineOptions;

    @Option(names = "--port", defaultValue = "10000", paramLabel = "N", description = "the port to listen on (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "the address to listen on (default: ${DEFAULT-VALUE}, this machine only; the server has no authentication)")
    String host;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 1 || port > 65535) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--port must be between 1 and 65535, not " + port);
        }
        RunSettings settings = pipelineOptions.resolve();
        SparkSession spark = SparkSessions.create(settings, "indicators serve-sql", SqlEndpoint.SESSION_SETTINGS);
        CountDownLatch stopped = new CountDownLatch(1);
        SqlEndpoint endpoint;
        try {
            endpoint = SqlEndpoint.start(spark, new WarehouseLayout(settings.warehouse()), host, port);
        } catch (RuntimeException e) {
            SparkSessions.finish(spark);
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            endpoint.close();
            SparkSessions.finish(spark);
            stopped.countDown();
        }, "serve-sql-stop"));
        PrintWriter out = spec.commandLine().getOut();
        TreeSet<String> databases = new TreeSet<>(endpoint.servedTables().stream().map(NamedTable::database).toList());
        out.println("serve-sql: " + endpoint.servedTables().size() + " tables (" + String.join(", ", databases) + ") of "
                + settings.warehouse() + " at " + endpoint.jdbcUrl());
        out.println("serve-sql: e.g. beeline -u " + endpoint.jdbcUrl() + " -e 'SHOW TABLES IN gold'; stop with Ctrl-C");
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
