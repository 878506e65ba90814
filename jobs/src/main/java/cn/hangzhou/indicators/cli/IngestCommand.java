package cn.hangzhou.indicators.cli;

import cn.hangzhou.indicators.config.RunSettings;
import cn.hangzhou.indicators.ingest.IngestReport;
import cn.hangzhou.indicators.ingest.IngestRunner;
import cn.hangzhou.indicators.ops.RunContext;
import java.io.PrintWriter;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;

/** {@code bin/indicators ingest}: landing files into the bronze tables, exactly once, with the ingest manifest. */
@Command(name = "ingest",
        mixinStandardHelpOptions = true,
        description = {
                "Ingests the landing zone's new files into bronze Delta tables (restricted/bronze/<extract>), each file",
                "exactly once: duplicates are skipped, a file delivered again with other bytes replaces its earlier",
                "delivery, unreadable rows go to the quarantine and unreadable files are rejected with a reason.",
                "Prints a summary; exits 4 when a file was rejected (everything else is done)."})
public class IngestCommand extends PipelineCommand {

    @Override
    protected int run(RunSettings settings, SparkSession spark, RunContext runContext) {
        return ingest(settings, spark, runContext, spec.commandLine().getOut());
    }

    /** The ingest step, shared with {@code nightly}: returns OK or INPUT_REJECTED. */
    static int ingest(RunSettings settings, SparkSession spark, RunContext runContext, PrintWriter out) {
        IngestReport report = new IngestRunner(spark, settings, runContext).run();
        report.print(out);
        out.flush();
        return report.hasRejections() ? ExitCodes.INPUT_REJECTED : ExitCodes.OK;
    }
}
