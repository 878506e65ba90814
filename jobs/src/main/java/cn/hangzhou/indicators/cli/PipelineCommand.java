package cn.hangzhou.indicators.cli;

import cn.hangzhou.indicators.config.ConfigurationHash;
import cn.hangzhou.indicators.config.RunSettings;
import cn.hangzhou.indicators.ops.RunContext;
import cn.hangzhou.indicators.ops.RunRecorder;
import cn.hangzhou.indicators.ops.SparkSessions;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import cn.hangzhou.indicators.ops.WarehouseTables;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;

/**
 * A subcommand that runs on Spark against the warehouse: starts a run, resolves the settings, opens the
 * session, and records the run in {@code ops/runs} with the table versions it found and left.
 */
public abstract class PipelineCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineCommand.class);

    @Mixin
    protected PipelineOptions options;

    @CommandLine.Spec
    protected CommandLine.Model.CommandSpec spec;

    /** Does the work; returns an {@link ExitCodes} value. */
    protected abstract int run(RunSettings settings, SparkSession spark, RunContext runContext) throws Exception;

    /** Whether the run is recorded in ops/runs (read-only commands such as explain say no). */
    protected boolean recordsRun() {
        return true;
    }

    @Override
    public final Integer call() throws Exception {
        RunContext runContext = RunContext.start(spec.name(), List.copyOf(spec.commandLine().getParseResult().originalArgs()));
        RunSettings settings = options.resolve();
        WarehouseLayout layout = new WarehouseLayout(settings.warehouse());
        SparkSession spark = SparkSessions.create(settings, "indicators " + spec.name());
        Map<String, Long> before = recordsRun() ? WarehouseTables.versions(spark, layout) : Map.of();
        int exitCode = ExitCodes.FAILURE;
        String message = null;
        try {
            exitCode = run(settings, spark, runContext);
            return exitCode;
        } catch (Exception | Error e) {
            message = e.toString();
            throw e;
        } finally {
            if (recordsRun()) {
                try {
                    Map<String, Long> after = WarehouseTables.versions(spark, layout);
                    RunRecorder.record(spark, layout, runContext, exitCode, outcome(exitCode), message,
                            BuildInfo.gitRevision(), ConfigurationHash.of(settings.projectHome(), options.configFile(settings.projectHome())), before, after);
                } catch (RuntimeException recordingFailure) {
                    LOG.error("could not record run {} in ops/runs: {}", runContext.runId(), recordingFailure.toString());
                }
            }
            RunContext.finish();
        }
    }

    private static String outcome(int exitCode) {
        return switch (exitCode) {
            case ExitCodes.OK -> "succeeded";
            case ExitCodes.INPUT_REJECTED -> "succeeded with rejected input";
            case ExitCodes.CONFIGURATION -> "configuration error";
            default -> "failed";
        };
    }
}
