package cn.hangzhou.indicators.cli;

import cn.hangzhou.indicators.config.ConfigurationHash;
import cn.hangzhou.indicators.config.RunSettings;
import cn.hangzhou.indicators.ops.RunContext;
import cn.hangzhou.indicators.ops.RunLog;
import cn.hangzhou.indicators.ops.RunRecorder;
import cn.hangzhou.indicators.ops.SparkSessions;
import cn.hangzhou.indicators.ops.WarehouseLease;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import cn.hangzhou.indicators.ops.WarehouseTables;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;

/**
 * A subcommand that runs on Spark against the warehouse: starts a run, resolves the settings, takes the warehouse's
 * lease (writing commands), opens the session, and records the run in {@code ops/runs} with the table versions it
 * found and left.
 */
public abstract class PipelineCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineCommand.class);

    @Mixin
    protected PipelineOptions options;

    @CommandLine.Spec
    protected CommandLine.Model.CommandSpec spec;

    /** Does the work; returns an {@link ExitCodes} value. */
    protected abstract int run(RunSettings settings, SparkSession spark, RunContext runContext) throws Exception;

    /**
     * Whether the run writes the warehouse: it takes the warehouse's lease and is recorded in ops/runs. Read-only
     * commands (explain, reproduce) say no: they neither wait for nor block a writing run.
     */
    protected boolean recordsRun() {
        return true;
    }

    /** The lease this run holds (null for read-only commands). */
    private WarehouseLease lease;

    /** Fencing at a commit point: fails when another run has taken this run's lease (a no-op for read-only commands). */
    protected void verifyLease() {
        if (lease != null) {
            lease.verify();
        }
    }

    @Override
    public final Integer call() throws Exception {
        RunContext runContext = RunContext.start(spec.name(), List.copyOf(spec.commandLine().getParseResult().originalArgs()));
        try {
            RunSettings settings = options.resolve();
            if (recordsRun()) {
                try {
                    lease = WarehouseLease.acquire(settings.warehouse(), SparkSessions.hadoopConfiguration(settings),
                            settings.profile().lease(), runContext);
                } catch (WarehouseLease.HeldException held) {
                    spec.commandLine().getErr().println(spec.name() + " " + runContext.runId() + " not started: " + held.getMessage());
                    spec.commandLine().getErr().flush();
                    return ExitCodes.LEASE_HELD;
                }
            }
            Optional<RunLog> runLog = recordsRun()
                    ? RunLog.start(settings.warehouse(), SparkSessions.hadoopConfiguration(settings), runContext) : Optional.empty();
            try {
                return runWithSpark(settings, runContext);
            } finally {
                runLog.ifPresent(RunLog::close);
                if (lease != null) {
                    lease.close();
                    lease = null;
                }
            }
        } finally {
            RunContext.finish();
        }
    }

    private int runWithSpark(RunSettings settings, RunContext runContext) throws Exception {
        WarehouseLayout layout = new WarehouseLayout(settings.warehouse());
        if (recordsRun()) {
            // before Spark creates it with the default permissions
            layout.secureRestrictedZone();
        }
        SparkSession spark = SparkSessions.create(settings, "indicators " + spec.name());
        Map<String, Long> before = recordsRun() ? WarehouseTables.versions(spark, layout) : Map.of();
        int exitCode = ExitCodes.FAILURE;
        String message = null;
        try {
            int result = run(settings, spark, runContext);
            verifyLease(); // a run whose lease was taken while it ran does not report success
            exitCode = result;
            return exitCode;
        } catch (Exception | Error e) {
            message = e.toString();
            throw e;
        } finally {
            if (recordsRun() && lease.held()) {
                try {
                    Map<String, Long> after = WarehouseTables.versions(spark, layout);
                    RunRecorder.record(spark, layout, runContext, exitCode, outcome(exitCode), message,
                            BuildInfo.gitRevision(), ConfigurationHash.of(settings.projectHome(), options.configFile(settings.projectHome())), before, after);
                } catch (RuntimeException recordingFailure) {
                    LOG.error("could not record run {} in ops/runs: {}", runContext.runId(), recordingFailure.toString());
                }
            }
            SparkSessions.finish(spark);
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
