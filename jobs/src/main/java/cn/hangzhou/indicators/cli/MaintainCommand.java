package cn.hangzhou.indicators.cli;

import cn.hangzhou.indicators.catalog.TableComments;
import cn.hangzhou.indicators.config.RunSettings;
import cn.hangzhou.indicators.config.TableDescriptions;
import cn.hangzhou.indicators.ops.RunContext;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import cn.hangzhou.indicators.ops.WarehouseMaintenance;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bin/indicators maintain}: retention, compaction and vacuum of every table, within the horizon. */
@Command(name = "maintain", mixinStandardHelpOptions = true,
        description = {"Keeps the warehouse within its retention horizon (docs/operations.md, \"Retention\"): sets every",
                "table's delta.logRetentionDuration and delta.deletedFileRetentionDuration to the horizon, deletes the",
                "quarantine rows of deliveries superseded by one first seen before the horizon, compacts small files",
                "(OPTIMIZE) and removes the files no version inside the horizon needs (VACUUM). Time travel, explain and",
                "reproduce keep working for every run inside the horizon. Takes the writer lease; schedule it weekly."})
public class MaintainCommand extends PipelineCommand {

    static final int DEFAULT_RETAIN_DAYS = 400;

    private int retainDays = DEFAULT_RETAIN_DAYS;

    /** Checked while the command line is parsed: a wrong horizon is a usage error before any lease or Spark start. */
    @Option(names = "--retain-days", paramLabel = "DAYS", defaultValue = "" + DEFAULT_RETAIN_DAYS,
            description = "the retention horizon in days, at least 7 (default: ${DEFAULT-VALUE}, a year's publications "
                    + "and their audit)")
    void retainDays(int days) {
        if (days < WarehouseMaintenance.MINIMUM_HORIZON.toDays()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--retain-days " + days
                    + " is shorter than Delta's safety margin of " + WarehouseMaintenance.MINIMUM_HORIZON.toDays()
                    + " days: give 7 or more");
        }
        retainDays = days;
    }

    @Override
    protected int run(RunSettings settings, SparkSession spark, RunContext runContext) {
        TableDescriptions descriptions = TableDescriptions.ofProject(settings.projectHome());
        WarehouseMaintenance maintenance = new WarehouseMaintenance(spark, new WarehouseLayout(settings.warehouse()),
                Duration.ofDays(retainDays), Instant.now());
        List<WarehouseMaintenance.TableOutcome> outcomes = maintenance.execute();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("maintain %s: horizon %d days, %d tables%n", runContext.runId(), retainDays, outcomes.size());
        out.printf("%-44s %14s %14s %10s %10s %10s%n", "table", "files before", "files after", "MB after", "compacted",
                "retired");
        long retired = 0;
        for (WarehouseMaintenance.TableOutcome outcome : outcomes) {
            out.printf("%-44s %14d %14d %10.1f %10d %10d%n", outcome.table(), outcome.before().count(),
                    outcome.after().count(), outcome.after().bytes() / 1e6, outcome.filesCompacted(), outcome.rowsRetired());
            retired += outcome.rowsRetired();
        }
        out.printf("quarantine rows of superseded deliveries retired: %d; retention properties set on %d tables%n", retired,
                outcomes.stream().filter(WarehouseMaintenance.TableOutcome::propertiesSet).count());
        writeComments(spark, new WarehouseLayout(settings.warehouse()), descriptions, true, out);
        out.flush();
        return ExitCodes.OK;
    }

    /** Writes conf/tables.yaml's comments where a table lacks them (every table checked, or those changed since), and says where. */
    static void writeComments(SparkSession spark, WarehouseLayout layout, TableDescriptions descriptions, boolean verifyEvery,
                              PrintWriter out) {
        List<TableComments.Change> changes = new TableComments(spark, layout, descriptions, verifyEvery).execute();
        if (!changes.isEmpty()) {
            out.printf("table comments (conf/tables.yaml) written on %d tables: %s%n", changes.size(),
                    changes.stream().map(TableComments.Change::table).collect(java.util.stream.Collectors.joining(", ")));
        }
    }
}
