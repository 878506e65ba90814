package cn.hangzhou.indicators.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hangzhou.indicators.cli.IndicatorsCommand;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import cn.hangzhou.indicators.testing.SharedSpark;
import cn.hangzhou.indicators.testing.SilverFixtures;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/indicators serve-sql} as its own process on the indicator fixture's Delta tables, queried with the Hive JDBC
 * driver as DBeaver or R would: names, time travel, metadata, and the restricted zone refused.
 */
class ServeSqlIT {

    @TempDir
    Path folder;

    @Test
    void aJdbcClientQueriesTheAnalyticsZoneByNameAndIsRefusedTheRestrictedZone() throws Exception {
        SparkSession spark = SharedSpark.session();
        Path warehouse = folder.resolve("warehouse");
        WarehouseLayout layout = new WarehouseLayout(warehouse.toString());
        SilverFixtures silver = cn.hangzhou.indicators.indicators.IndicatorFixture.build(spark);
        silver.write(layout);
        String landing = folder.resolve("landing").toString();
        assertThat(IndicatorsCommand.execute("compute", "--warehouse", warehouse.toString(), "--landing", landing)).isZero();
        long published = spark.read().format("delta").load(layout.publishedIndicators()).count();
        long firstVersionRows = spark.read().format("delta").option("versionAsOf", 0).load(layout.publishedIndicators()).count();
        io.delta.tables.DeltaTable.forPath(spark, layout.publishedIndicators()).delete("indicator_id = 'T2-03'");
        long afterDelete = spark.read().format("delta").load(layout.publishedIndicators()).count();
        assertThat(afterDelete).isLessThan(published);

        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
        // the openings Spark needs on Java 17, as this JVM has them
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.startsWith("--add-opens") || argument.startsWith("-Djdk.reflect")).forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), IndicatorsCommand.class.getName(), "serve-sql",
                "--warehouse", warehouse.toString(), "--landing", landing, "--port", Integer.toString(port)));
        Path log = folder.resolve("serve-sql.log");
        Process server = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String ready = awaitLine(server, log, "jdbc:hive2://", 240);
            assertThat(ready).contains("jdbc:hive2://127.0.0.1:" + port + "/default");
            try (Connection connection = DriverManager.getConnection("jdbc:hive2://127.0.0.1:" + port + "/default");
                    Statement statement = connection.createStatement()) {
                assertThat(single(statement, "SELECT count(*) FROM gold.published_indicators")).isEqualTo(Long.toString(afterDelete));
                assertThat(single(statement, "SELECT count(*) FROM gold.published_indicators VERSION AS OF 0"))
                        .isEqualTo(Long.toString(firstVersionRows));
                assertThat(column(statement, "SHOW TABLES IN gold", 2)).contains("published_indicators").doesNotContain("indicator_values");
                List<String> silverTables = new ArrayList<>();
                try (ResultSet tables = connection.getMetaData().getTables(null, "silver", "%", null)) {
                    while (tables.next()) {
                        silverTables.add(tables.getString("TABLE_NAME"));
                    }
                }
                assertThat(silverTables).contains("resident_register", "deaths");
                assertThat(column(statement, "SHOW DATABASES", 1)).doesNotContain("bronze");
                for (String refused : List.of("SELECT * FROM gold.indicator_values", "SELECT * FROM `gold` . `indicator_values`",
                        "SELECT count(*) FROM lineage.indicator_rows", "SET spark.sql.runSQLOnFiles=true",
                        "SELECT count(*) FROM delta.`" + layout.indicatorValues() + "`",
                        "CREATE TABLE gold.copy USING delta LOCATION '" + layout.indicatorValues() + "'",
                        "DROP TABLE gold.published_indicators")) {
                    assertThatThrownBy(() -> statement.executeQuery(refused).close()).as(refused).isInstanceOf(SQLException.class)
                            .hasMessageContaining("restricted zone");
                }
                assertThat(single(statement, "SELECT count(*) FROM gold.published_indicators")).as("still served after the refusals")
                        .isEqualTo(Long.toString(afterDelete));
            }
        } finally {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
    }

    /** Copies the server's output to {@code log} and returns the first line that holds {@code marker}. */
    private static String awaitLine(Process server, Path log, String marker, int seconds) throws Exception {
        CompletableFuture<String> found = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    Files.writeString(log, line + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                            java.nio.file.StandardOpenOption.APPEND);
                    if (line.contains(marker)) {
                        found.complete(line);
                    }
                }
                found.completeExceptionally(new IllegalStateException("serve-sql ended before it served: see " + log));
            } catch (Exception e) {
                found.completeExceptionally(e);
            }
        }, "serve-sql-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return found.get(seconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("serve-sql did not serve within " + seconds + " s:\n"
                    + (Files.exists(log) ? Files.readString(log) : "(no output)"), e);
        }
    }

    private static String single(Statement statement, String query) throws SQLException {
        try (ResultSet result = statement.executeQuery(query)) {
            assertThat(result.next()).as(query).isTrue();
            return result.getString(1);
        }
    }

    private static List<String> column(Statement statement, String query, int column) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet result = statement.executeQuery(query)) {
            while (result.next()) {
                values.add(result.getString(column));
            }
        }
        return values;
    }
}
