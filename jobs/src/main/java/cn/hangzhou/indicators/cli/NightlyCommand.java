package cn.hangzhou.indicators.cli;

import cn.hangzhou.indicators.config.RunSettings;
import cn.hangzhou.indicators.ops.RunContext;
import java.io.PrintWriter;
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
        return runPipeline(settings, spark, runContext, spec.commandLine().getOut());
    }

    /** Runs every step; returns OK, or INPUT_REJECTED when any step rejected input. */
    static int runPipeline(RunSettings settings, SparkSession spark, RunContext runContext, PrintWriter out) {
        int exitCode = ExitCodes.OK;
        LOG.info("nightly run {}: ingest", runContext.runId());
        exitCode = worst(exitCode, IngestCommand.ingest(settings, spark, runContext, out));
        LOG.info("nightly run {}: quality gate", runContext.runId());
        exitCode = worst(exitCode, CheckCommand.check(settings, spark, runContext, out));
        LOG.info("nightly run {}: conform", runContext.runId());
        exitCode = worst(exitCode, ConformCommand.conform(settings, spark, runContext, false, out));
        LOG.info("nightly run {}: compute", runContext.runId());
        ComputeCommand.compute(settings, spark, runContext, null, out);
        out.println("nightly " + runContext.runId() + ": " + (exitCode == ExitCodes.OK ? "done"
                : "done, some input was rejected (exit code " + exitCode + "; see the reports)"));
        out.flush();
        return exitCode;
    }

    private static int worst(int first, int second) {
        return Math.max(first, second);
    }
}
