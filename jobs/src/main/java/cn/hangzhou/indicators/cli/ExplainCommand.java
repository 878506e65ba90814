package cn.hangzhou.indicators.cli;

import cn.hangzhou.indicators.config.District;
import cn.hangzhou.indicators.config.RunSettings;
import cn.hangzhou.indicators.indicators.IndicatorCatalogue;
import cn.hangzhou.indicators.lineage.ExplanationReader;
import cn.hangzhou.indicators.lineage.ValueExplanation;
import cn.hangzhou.indicators.ops.RunContext;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/indicators explain}: one indicator value down to its definition, the deliveries and rows behind its
 * numerator and denominator, their quality results, and the run that computed it with the table versions it saw.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explains one indicator value: definition, value, quality and disclosure, contributing deliveries "
                + "(from restricted/lineage/indicator_sources), their quality results, and the run that computed it.")
public class ExplainCommand extends PipelineCommand {

    @Option(names = "--indicator", required = true, paramLabel = "ID", description = "a reported indicator id, e.g. T2-03 or S-02/低保")
    String indicatorId;

    @Option(names = "--district", required = true, paramLabel = "CODE", description = "a district code, or 330100 for the city")
    String districtCode;

    @Option(names = "--year", required = true, paramLabel = "YEAR")
    int year;

    @Option(names = "--rows", description = "also list the contributing silver rows (file, row number, person_key)")
    boolean rows;

    @Option(names = "--json", description = "print one JSON object instead of text")
    boolean json;

    @Override
    protected boolean recordsRun() {
        return false;
    }

    @Override
    protected int run(RunSettings settings, SparkSession spark, RunContext runContext) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        IndicatorCatalogue catalogue = IndicatorCatalogue.load(settings.projectHome());
        List<String> districts = new ArrayList<>();
        districts.add(District.CITY_CODE);
        districts.addAll(settings.reference().districtCodes());
        if (!catalogue.reportedIds().contains(indicatorId)) {
            err.println("unknown indicator id '" + indicatorId + "'; valid ids: " + String.join(", ", catalogue.reportedIds()));
            err.flush();
            return ExitCodes.USAGE;
        }
        if (!districts.contains(districtCode)) {
            err.println("unknown district code '" + districtCode + "'; valid codes: " + String.join(", ", districts));
            err.flush();
            return ExitCodes.USAGE;
        }
        WarehouseLayout layout = new WarehouseLayout(settings.warehouse());
        Optional<ValueExplanation> explanation = new ExplanationReader(spark, layout)
                .read(indicatorId, districtCode, year, catalogue.byReportedId(indicatorId).explanationDefinition(), rows);
        if (explanation.isEmpty()) {
            err.println("no value of " + indicatorId + " for " + districtCode + " in " + year + " in " + layout.indicatorValues()
                    + " (not computed yet?)");
            err.flush();
            return ExitCodes.USAGE;
        }
        if (json) {
            out.println(explanation.get().toJson());
        } else {
            printText(out, explanation.get());
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The explanation as text for a terminal: the quality results not passed are listed, the others counted. */
    static void printText(PrintWriter out, ValueExplanation explanation) {
        ValueExplanation.Definition definition = explanation.definition();
        out.println(explanation.indicatorId() + "  " + definition.nameZh() + " / " + definition.nameEn()
                + "  district " + explanation.districtCode() + "  year " + explanation.year());
        out.println("  numerator:   " + definition.numerator());
        out.println("  denominator: " + definition.denominator());
        out.println("  SQL: " + definition.sqlResource() + " (definition version " + definition.definitionVersion()
                + (definition.outdated() ? "; the catalogue's is now " + definition.currentDefinitionVersion() : "") + ")");
        out.println("value " + explanation.value() + " " + definition.unit() + " = numerator " + explanation.numerator()
                + " / denominator " + explanation.denominator() + "; quality " + explanation.qualityStatus()
                + ", disclosure " + explanation.disclosureStatus());
        out.println("contributing deliveries:");
        for (ValueExplanation.Source source : explanation.sources()) {
            out.println("  " + source.role() + "  " + source.fileId() + "  " + source.rows() + " rows  "
                    + source.fileName() + "  sha256 " + source.sha256() + "  first seen " + source.firstSeenAt()
                    + "  quality " + source.qualityStatus());
        }
        List<ValueExplanation.QualityResult> results = explanation.qualityResults();
        long passed = explanation.passedResults();
        out.println("quality results of these deliveries: " + passed + " of " + results.size() + " passed"
                + (passed == results.size() ? "" : "; the others (--json lists all):"));
        for (ValueExplanation.QualityResult result : results) {
            if (!result.passed()) {
                out.println("  " + result.fileId() + "  " + result.rule() + "  " + result.severity() + "  "
                        + result.status() + "  failing rows " + result.failingRows());
            }
        }
        ValueExplanation.ComputingRun run = explanation.run();
        out.println("computed by run " + run.runId() + " (" + run.command() + ", " + run.startedAt()
                + ", code " + run.codeVersion() + ")");
        if (run.tables() != null) {
            for (ValueExplanation.TableVersion table : run.tables()) {
                out.println("  " + table.table() + "  version " + table.versionBefore() + " -> " + table.versionAfter());
            }
        }
        if (explanation.rows() != null) {
            out.println("contributing rows:");
            for (ValueExplanation.ContributingRow row : explanation.rows()) {
                out.println("  " + row.role() + "  " + row.fileId() + "  row " + row.rowNumber()
                        + (row.personKey() == null ? "" : "  person " + row.personKey()));
            }
        }
    }
}
