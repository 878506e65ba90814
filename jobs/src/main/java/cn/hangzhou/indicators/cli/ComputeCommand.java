package cn.hangzhou.indicators.cli;

import cn.hangzhou.indicators.config.RunSettings;
import cn.hangzhou.indicators.indicators.IndicatorCatalogue;
import cn.hangzhou.indicators.indicators.IndicatorRunner;
import cn.hangzhou.indicators.ops.RunContext;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import java.io.PrintWriter;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bin/indicators compute}: the yearly indicator set by district from silver into gold. */
@Command(name = "compute", mixinStandardHelpOptions = true,
        description = {"Computes the indicators of conf/indicators.yaml by district and year from silver, into "
                + "restricted/gold/indicator_values and analytics/gold/published_indicators (disclosure control applied).",
                "Without --years, only the years whose silver rows, delivery quality, definitions or code changed since "
                        + "they were computed (ops/compute_state); years whose values would not change are not rewritten."})
public class ComputeCommand extends PipelineCommand {

    @Option(names = "--years", paramLabel = "YEARS", converter = YearsConverter.class,
            description = "a year or a range such as 2021-2025 (default: the years whose inputs changed)")
    YearsConverter.Years years;

    @Override
    protected int run(RunSettings settings, SparkSession spark, RunContext runContext) {
        compute(settings, spark, runContext, years == null ? null : years.values(), spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    /** Computes and publishes the indicators of {@code years} (the years whose inputs changed when null); prints one line. */
    static IndicatorRunner.Outcome compute(RunSettings settings, SparkSession spark, RunContext runContext,
                                           List<Integer> years, PrintWriter out) {
        IndicatorCatalogue catalogue = IndicatorCatalogue.load(settings.projectHome());
        IndicatorRunner.Outcome outcome = new IndicatorRunner(spark, new WarehouseLayout(settings.warehouse()), catalogue,
                settings.reference().districtCodes(), BuildInfo.gitRevision()).compute(years, runContext.runId());
        out.println("compute " + runContext.runId() + ": " + outcome.values() + " values for years " + outcome.years()
                + "; indicator_values " + (outcome.indicatorValuesWritten() ? "written" : "unchanged")
                + ", published_indicators " + (outcome.publishedWritten() ? "written" : "unchanged"));
        out.flush();
        return outcome;
    }
}
