package cn.hangzhou.indicators.cli;

import cn.hangzhou.indicators.config.RunSettings;
import cn.hangzhou.indicators.ingest.IngestReport;
import cn.hangzhou.indicators.ingest.IngestRunner;
import cn.hangzhou.indicators.ops.RunContext;
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
        IngestReport report = new IngestRunner(spark, settings, runContext).run();
        report.print(spec.commandLine().getOut());
        return report.hasRejections() ? ExitCodes.INPUT_REJECTED : ExitCodes.OK;
    }
}
