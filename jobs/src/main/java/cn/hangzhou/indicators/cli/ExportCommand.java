package cn.hangzhou.indicators.cli;

import cn.hangzhou.indicators.config.RunSettings;
import cn.hangzhou.indicators.indicators.IndicatorCatalogue;
import cn.hangzhou.indicators.indicators.IndicatorExport;
import cn.hangzhou.indicators.indicators.IndicatorRunner;
import cn.hangzhou.indicators.indicators.Publication;
import cn.hangzhou.indicators.indicators.PublishedIndicator;
import cn.hangzhou.indicators.ops.SparkSessions;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bin/indicators export}: the indicator table as CSV or xlsx for people. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Writes the indicator values to a CSV (UTF-8 with BOM, CRLF) or xlsx file with the columns "
                + "indicator_id,district_code,year,value,numerator,denominator,unit,quality_status,disclosure_status,target_2025,target_met.")
public class ExportCommand implements Callable<Integer> {

    @Mixin
    PipelineOptions pipelineOptions;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the file to write")
    Path out;

    @Option(names = "--format", paramLabel = "csv|xlsx", converter = FormatConverter.class, description = "csv (default) or xlsx")
    IndicatorExport.Format format = IndicatorExport.Format.CSV;

    static class FormatConverter implements picocli.CommandLine.ITypeConverter<IndicatorExport.Format> {
        @Override
        public IndicatorExport.Format convert(String value) {
            return switch (value.toLowerCase(java.util.Locale.ROOT)) {
                case "csv" -> IndicatorExport.Format.CSV;
                case "xlsx" -> IndicatorExport.Format.XLSX;
                default -> throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not csv or xlsx");
            };
        }
    }

    @ArgGroup(exclusive = true)
    Selection selection;

    static class Selection {
        @Option(names = "--published", description = "the published values, disclosure control applied (default)")
        boolean published;

        @Option(names = "--all", description = "the unsuppressed values (restricted zone, auditors), with the status publication gives them")
        boolean all;
    }

    @Option(names = "--years", paramLabel = "YEARS", converter = YearsConverter.class,
            description = "a year or a range such as 2021-2025 (default: all)")
    YearsConverter.Years years;

    @Override
    public Integer call() {
        RunSettings settings = pipelineOptions.resolve();
        IndicatorCatalogue catalogue = IndicatorCatalogue.load(settings.projectHome());
        SparkSession spark = SparkSessions.create(settings, "indicators export");
        WarehouseLayout layout = new WarehouseLayout(settings.warehouse());
        List<Integer> selectedYears = years == null ? null : years.values();
        List<PublishedIndicator> rows;
        boolean all = selection != null && selection.all;
        try {
            rows = all
                    ? Publication.unsuppressed(IndicatorRunner.readValues(spark, layout, selectedYears), catalogue)
                    : IndicatorRunner.readPublished(spark, layout, selectedYears);
        } finally {
            SparkSessions.finish(spark);
        }
        List<PublishedIndicator> ordered = IndicatorExport.ordered(rows, catalogue, settings.reference().districtCodes());
        IndicatorExport.write(out, format, ordered, all
                ? "--all: the unsuppressed values of the restricted zone, with the disclosure status publication gives them"
                : "--published: the published values, disclosure control applied");
        System.out.println("wrote " + ordered.size() + " rows to " + out);
        return ExitCodes.OK;
    }
}
