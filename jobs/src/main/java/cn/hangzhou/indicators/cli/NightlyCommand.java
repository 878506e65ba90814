package cn.hangzhou.indicators.cli;

import cn.hangzhou.indicators.config.RunSettings;
import cn.hangzhou.indicators.config.TableDescriptions;
import cn.hangzhou.indicators.ops.RunContext;
import cn.hangzhou.indicators.ops.RunLog;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/** {@code bin/indicators nightly}: ingest, quality gate, conform and compute in one run, as schedulers call it. */
@Command(name = "nightly", mixinStandardHelpOptions = true,
        description = {"The nightly job: ingest the landing zone's new files, run the quality gate on them, conform",
                "the accepted deliveries into silver and compute and publish the indicators of the years they touch.",
                "One run id for all steps (ops/runs). Idempotent: a second run on the same landing changes nothing.",
                "A rejected file or delivery does not stop the run: the rest is done and the exit code is 4."})
public class NightlyCommand extends PipelineCommand {

    private static final Logger LOG = LoggerFactory.getLogger(NightlyCommand.class);

    @Override
    protected int run(RunSettings settings, SparkSession spark, RunContext runContext) {
        return runPipeline(settings, spark, runContext, spec.commandLine().getOut(), this::verifyLease);
    }

    /**
     * Runs every step, calling {@code beforeEachStage} (the lease's fencing) before each; returns the worst of their
     * exit codes: OK, or INPUT_REJECTED when any step rejected input.
     */
    static int runPipeline(RunSettings settings, SparkSession spark, RunContext runContext, PrintWriter out, Runnable beforeEachStage) {
        // read before the first stage, so that a mistake in it stops the night before any work, not after
        TableDescriptions descriptions = TableDescriptions.ofProject(settings.projectHome());
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        outcomes.put("ingest", stage(runContext, "ingest", beforeEachStage, () -> IngestCommand.ingest(settings, spark, runContext, out)));
        outcomes.put("check", stage(runContext, "check", beforeEachStage, () -> CheckCommand.check(settings, spark, runContext, out)));
        outcomes.put("conform", stage(runContext, "conform", beforeEachStage,
                () -> ConformCommand.conform(settings, spark, runContext, false, out)));
        // compute rejects no input of its own: it succeeds or fails by an exception
        outcomes.put("compute", stage(runContext, "compute", beforeEachStage, () -> {
            ComputeCommand.compute(settings, spark, runContext, null, out);
            return ExitCodes.OK;
        }));
        beforeEachStage.run();
        MaintainCommand.writeComments(spark, new WarehouseLayout(settings.warehouse()), descriptions, false, out);
        int exitCode = outcomes.values().stream().mapToInt(Integer::intValue).max().orElse(ExitCodes.OK);
        StringBuilder stages = new StringBuilder();
        outcomes.forEach((stage, code) -> stages.append(stages.length() == 0 ? "" : ", ").append(stage).append(' ')
                .append(code == ExitCodes.OK ? "ok" : code == ExitCodes.INPUT_REJECTED ? "rejected input" : "exit " + code));
        Map<String, Long> exitCodes = new LinkedHashMap<>();
        outcomes.forEach((stage, code) -> exitCodes.put(stage + "_exit_code", (long) code));
        LOG.info("nightly run {}: {} ({})", runContext.runId(), stages, "exit code " + exitCode, new RunLog.Counts(exitCodes));
        out.println("nightly " + runContext.runId() + ": " + (exitCode == ExitCodes.OK ? "done" : "done, some input was rejected")
                + " (" + stages + "; exit code " + exitCode + (exitCode == ExitCodes.OK ? "" : "; see the reports") + ")");
        out.flush();
        return exitCode;
    }

    private static int stage(RunContext runContext, String name, Runnable beforeEachStage, IntSupplier step) {
        beforeEachStage.run();
        LOG.info("nightly run {}: {}", runContext.runId(), name);
        return step.getAsInt();
    }
}
