package cn.hangzhou.indicators.cli;

import cn.hangzhou.indicators.config.ReferenceData;
import cn.hangzhou.indicators.config.RunSettings;
import cn.hangzhou.indicators.indicators.IndicatorCatalogue;
import cn.hangzhou.indicators.indicators.IndicatorRunner;
import cn.hangzhou.indicators.indicators.IndicatorTablePrinter;
import cn.hangzhou.indicators.ops.RunContext;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import cn.hangzhou.indicators.sample.SampleGenerator;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;

/** {@code demo}: generates a small sample into the landing, runs the nightly pipeline on it and prints the indicators. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The whole pipeline on a small synthetic city: generates a sample (scale 0.001, 2021-2025, a few",
                "defects) into the landing (default ./data/landing), runs nightly (ingest, quality gate, conform, compute)",
                "into the warehouse (default ./data/warehouse) and prints the latest year's indicator table.",
                "Running it again regenerates the same bytes, so the pipeline finds nothing new."})
public class DemoCommand extends PipelineCommand {

    static final double DEMO_SCALE = 0.001;
    static final long DEMO_SEED = 20211231;
    static final double DEMO_DEFECTS = 0.002;

    @Override
    protected int run(RunSettings settings, SparkSession spark, RunContext runContext) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!settings.isLocal(settings.landing())) {
            err.println("demo writes to a local landing folder; " + settings.landing() + " is not one: pass --landing DIR");
            return ExitCodes.USAGE;
        }
        Path landing = Path.of(settings.landing().replaceFirst("^file:", ""));
        if (!SampleGenerator.isReplaceable(landing)) {
            err.println("the landing " + landing + " holds files the generator did not write; not overwriting them."
                    + " Pass --landing with a new folder");
            return ExitCodes.USAGE;
        }
        out.println("1/3 generating a sample city into " + landing);
        out.flush();
        GenerateCommand.print(out, generateSample(landing, settings));
        out.println("2/3 running the nightly pipeline into " + settings.warehouse());
        out.flush();
        int exitCode = NightlyCommand.runPipeline(settings, spark, runContext, out, this::verifyLease);
        out.println("3/3 the latest year's indicators (published view; C = small cell withheld, D = withheld to protect a small cell, X = failed quality)");
        out.flush();
        IndicatorCatalogue catalogue = IndicatorCatalogue.load(settings.projectHome());
        PrintStream table = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        new IndicatorTablePrinter(catalogue, settings.reference())
                .printLatestYear(table, IndicatorRunner.readPublished(spark, new WarehouseLayout(settings.warehouse()), null));
        table.flush();
        out.println("demo: the sample's defects were " + (exitCode == ExitCodes.OK ? "all handled" : "handled; the rejected files and deliveries are in "
                + new WarehouseLayout(settings.warehouse()).reports()) + ". Query the tables under " + settings.warehouse());
        out.flush();
        return ExitCodes.OK;
    }

    /** Step 1 of the demo: a small sample with the default defect rate. */
    static SampleGenerator.Summary generateSample(Path landing, RunSettings settings) {
        ReferenceData reference = settings.reference();
        return SampleGenerator.generate(new SampleGenerator.Settings(landing, DEMO_SCALE, 2021, 2025, DEMO_SEED, DEMO_DEFECTS),
                settings.schemas(), reference);
    }
}
