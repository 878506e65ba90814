package cn.hangzhou.indicators.cli;

import cn.hangzhou.indicators.config.RunSettings;
import cn.hangzhou.indicators.indicators.IndicatorCatalogue;
import cn.hangzhou.indicators.ops.RunContext;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import cn.hangzhou.indicators.report.ReportData;
import cn.hangzhou.indicators.report.ReportReader;
import cn.hangzhou.indicators.report.ReportSite;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bin/indicators report}: the indicator report of one year as a static HTML site that works offline. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Writes the indicator report of a year as a static HTML site (no network needed to view it): the "
                + "published table by area with quality and disclosure markers and target attainment, a page per indicator "
                + "with its charts, a page per value with its explanation, and the deliveries' quality with its history.")
public class ReportCommand extends PipelineCommand {

    @Option(names = "--year", required = true, paramLabel = "YEAR", description = "the year to report")
    int year;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the folder to write the site into (index.html)")
    Path out;

    @Override
    protected boolean recordsRun() {
        return false;
    }

    @Override
    protected int run(RunSettings settings, SparkSession spark, RunContext runContext) {
        PrintWriter console = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        IndicatorCatalogue catalogue = IndicatorCatalogue.load(settings.projectHome());
        ReportData data = new ReportReader(spark, new WarehouseLayout(settings.warehouse()), catalogue, settings.reference())
                .read(year, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), BuildInfo.version() + " " + BuildInfo.gitRevision());
        if (data.explanations().isEmpty()) {
            err.println("no indicator values of " + year + " in " + settings.warehouse() + " (run `bin/indicators nightly` or `compute` first)");
            err.flush();
            return ExitCodes.USAGE;
        }
        int pages = new ReportSite(data).write(out);
        console.println("report " + year + ": " + pages + " pages (" + data.explanations().size() + " values, "
                + data.indicators().size() + " indicators, " + data.areas().size() + " areas) in " + out.toAbsolutePath().resolve("index.html"));
        console.flush();
        return ExitCodes.OK;
    }
}
