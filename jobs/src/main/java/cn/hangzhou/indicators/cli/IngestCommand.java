package cn.hangzhou.indicators.cli;

import cn.hangzhou.indicators.config.RunSettings;
import cn.hangzhou.indicators.ingest.IngestReport;
import cn.hangzhou.indicators.ingest.IngestRunner;
import cn.hangzhou.indicators.ops.SparkSessions;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code bin/indicators ingest}: landing files into the bronze tables, exactly once, with the ingest manifest. */
@Command(name = "ingest",
        mixinStandardHelpOptions = true,
        description = {
                "Ingests the landing zone's new files into bronze Delta tables (restricted/bronze/<extract>), each file",
                "exactly once: duplicates are skipped, a file delivered again with other bytes replaces its earlier",
                "delivery, unreadable rows go to the quarantine and unreadable files are rejected with a reason.",
                "Prints a summary; exits 4 when a file was rejected (everything else is done)."})
public class IngestCommand implements Callable<Integer> {

    @Mixin
    PipelineOptions options;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        RunSettings settings = options.resolve();
        SparkSession spark = SparkSessions.create(settings, "indicators ingest");
        IngestReport report = new IngestRunner(spark, settings).run();
        report.print(spec.commandLine().getOut());
        return report.hasRejections() ? ExitCodes.INPUT_REJECTED : ExitCodes.OK;
    }
}
