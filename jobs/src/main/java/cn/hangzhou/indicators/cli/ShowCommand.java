package cn.hangzhou.indicators.cli;

import cn.hangzhou.indicators.config.RunSettings;
import cn.hangzhou.indicators.indicators.IndicatorCatalogue;
import cn.hangzhou.indicators.indicators.IndicatorRunner;
import cn.hangzhou.indicators.indicators.IndicatorTablePrinter;
import cn.hangzhou.indicators.indicators.PublishedIndicator;
import cn.hangzhou.indicators.ops.SparkSessions;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bin/indicators show}: the published indicator table of a year in the terminal. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Prints the published indicator table of a year (default: the latest): city, target status and districts.")
public class ShowCommand implements Callable<Integer> {

    @Mixin
    PipelineOptions pipelineOptions;

    @Option(names = "--year", paramLabel = "YEAR", description = "the year to show (default: the latest computed)")
    Integer year;

    @Override
    public Integer call() {
        RunSettings settings = pipelineOptions.resolve();
        IndicatorCatalogue catalogue = IndicatorCatalogue.load(settings.projectHome());
        SparkSession spark = SparkSessions.create(settings, "indicators show");
        List<PublishedIndicator> rows;
        try {
            rows = IndicatorRunner.readPublished(spark, new WarehouseLayout(settings.warehouse()), year == null ? null : List.of(year));
        } finally {
            SparkSessions.finish(spark);
        }
        new IndicatorTablePrinter(catalogue, settings.reference()).printLatestYear(System.out, rows);
        return ExitCodes.OK;
    }
}
