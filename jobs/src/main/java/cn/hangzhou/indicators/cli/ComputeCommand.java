package cn.hangzhou.indicators.cli;

import cn.hangzhou.indicators.config.RunSettings;
import cn.hangzhou.indicators.indicators.IndicatorCatalogue;
import cn.hangzhou.indicators.indicators.IndicatorRunner;
import cn.hangzhou.indicators.ops.SparkSessions;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bin/indicators compute}: the yearly indicator set by district from silver into gold. */
@Command(name = "compute", mixinStandardHelpOptions = true,
        description = {"Computes the indicators of conf/indicators.yaml by district and year from silver, into "
                + "restricted/gold/indicator_values and analytics/gold/published_indicators (disclosure control applied).",
                "Years whose values would not change are not rewritten."})
public class ComputeCommand implements Callable<Integer> {

    @Mixin
    PipelineOptions pipelineOptions;

    @Option(names = "--years", paramLabel = "YEARS", converter = YearsConverter.class,
            description = "a year or a range such as 2021-2025 (default: every year found in silver)")
    YearsConverter.Years years;

    @Override
    public Integer call() {
        RunSettings settings = pipelineOptions.resolve();
        IndicatorCatalogue catalogue = IndicatorCatalogue.load(settings.projectHome());
        SparkSession spark = SparkSessions.create(settings, "indicators compute");
        String runId = IndicatorRunner.newRunId();
        IndicatorRunner.Outcome outcome = new IndicatorRunner(spark, new WarehouseLayout(settings.warehouse()), catalogue,
                settings.reference().districtCodes()).compute(years == null ? null : years.values(), runId);
        System.out.println("run " + runId + ": " + outcome.values() + " values for years " + outcome.years()
                + "; indicator_values " + (outcome.indicatorValuesWritten() ? "written" : "unchanged")
                + ", published_indicators " + (outcome.publishedWritten() ? "written" : "unchanged"));
        return ExitCodes.OK;
    }
}
