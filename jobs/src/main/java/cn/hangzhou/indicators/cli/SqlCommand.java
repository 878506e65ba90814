package cn.hangzhou.indicators.cli;

import cn.hangzhou.indicators.catalog.NamedTable;
import cn.hangzhou.indicators.catalog.SqlQuery;
import cn.hangzhou.indicators.catalog.WarehouseCatalog;
import cn.hangzhou.indicators.config.RunSettings;
import cn.hangzhou.indicators.ops.SparkSessions;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bin/indicators sql}: SQL over the warehouse's named tables, one statement or an interactive prompt. */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Runs SQL over the warehouse's tables by name (silver.residents, gold.published_indicators, quality.check_results,"
                + " ops.runs, lineage.indicator_sources, ...; SHOW TABLES IN silver lists them), with Delta time travel"
                + " (SELECT ... FROM silver.deaths VERSION AS OF 3, TIMESTAMP AS OF '2026-01-01').",
                "Without a statement: an interactive prompt (statements end with ';', history in ~/.indicators_sql_history, quit with \\q).",
                "Restricted tables (bronze.*, gold.indicator_values, lineage.indicator_rows, audit.*) need --restricted; every such"
                        + " query is recorded in audit.sql_queries (who, when, what)."})
public class SqlCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    PipelineOptions pipelineOptions;

    @Parameters(arity = "0..1", paramLabel = "STATEMENT", description = "the statement to run (default: the interactive prompt)")
    String statement;

    static class Output {
        @Option(names = "--csv", description = "every row as CSV (RFC 4180) instead of a table")
        boolean csv;

        @Option(names = "--json", description = "every row as a JSON object per line instead of a table")
        boolean json;
    }

    @ArgGroup(exclusive = true)
    Output output;

    @Option(names = "--restricted", description = "the auditors' role: the restricted tables too; every query is recorded")
    boolean restricted;

    @Option(names = "--max-rows", defaultValue = "1000", paramLabel = "N", description = "rows a table shows (default: ${DEFAULT-VALUE})")
    int maximumRows;

    @Override
    public Integer call() {
        RunSettings settings = pipelineOptions.resolve();
        SparkSession spark = SparkSessions.create(settings, "indicators sql");
        try {
            WarehouseLayout layout = new WarehouseLayout(settings.warehouse());
            List<NamedTable> tables = WarehouseCatalog.tables(spark, layout);
            try (SqlQuery query = new SqlQuery(spark, layout, tables, restricted).open()) {
                PrintWriter out = spec.commandLine().getOut();
                SqlResults.Format format = output == null ? SqlResults.Format.TABLE : output.csv ? SqlResults.Format.CSV : SqlResults.Format.JSON;
                if (statement != null) {
                    return run(query, statement, format, out) ? ExitCodes.OK : ExitCodes.USAGE;
                }
                return interactive(query, format, out);
            }
        } finally {
            SparkSessions.finish(spark);
        }
    }

    /** Runs one statement; a refused or wrong statement is reported without a stack trace. */
    private boolean run(SqlQuery query, String text, SqlResults.Format format, PrintWriter out) {
        PrintWriter err = spec.commandLine().getErr();
        try {
            SqlResults.print(out, query.run(text), format, maximumRows);
            return true;
        } catch (SqlQuery.RestrictedTableException e) {
            err.println("sql: refused: " + e.getMessage());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            // Scala's AnalysisException (ParseException included) is checked in Java but not declared by spark.sql
            if (!(e instanceof AnalysisException)) {
                throw new IllegalStateException(e);
            }
            err.println("sql: " + e.getMessage().strip());
        }
        err.flush();
        return false;
    }

    private int interactive(SqlQuery query, SqlResults.Format format, PrintWriter out) {
        Path history = Path.of(System.getProperty("user.home"), ".indicators_sql_history");
        boolean terminal = System.console() != null;
        if (terminal) {
            out.println("indicators sql: statements end with ';'; SHOW TABLES IN silver; \\q quits. History: " + history);
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        StringBuilder pending = new StringBuilder();
        boolean allSucceeded = true;
        try {
            while (true) {
                if (terminal) {
                    out.print(pending.length() == 0 ? "sql> " : "  -> ");
                    out.flush();
                }
                String line = in.readLine();
                if (line == null || pending.length() == 0 && (line.strip().equals("\\q") || line.strip().equalsIgnoreCase("quit")
                        || line.strip().equalsIgnoreCase("exit"))) {
                    break;
                }
                pending.append(pending.length() == 0 ? "" : "\n").append(line);
                String text = pending.toString().strip();
                if (text.endsWith(";")) {
                    pending.setLength(0);
                    String statementText = text.substring(0, text.length() - 1).strip();
                    if (!statementText.isEmpty()) {
                        appendHistory(history, statementText);
                        allSucceeded &= run(query, statementText, format, out);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return allSucceeded ? ExitCodes.OK : ExitCodes.USAGE;
    }

    private static void appendHistory(Path history, String statement) {
        try {
            Files.writeString(history, statement.replace('\n', ' ') + ";\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            // history is a convenience: a read-only home does not stop the session
        }
    }
}
