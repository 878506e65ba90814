package cn.hangzhou.indicators.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import cn.hangzhou.indicators.config.District;
import cn.hangzhou.indicators.config.RunSettings;
import cn.hangzhou.indicators.indicators.Indicator;
import cn.hangzhou.indicators.indicators.IndicatorCatalogue;
import cn.hangzhou.indicators.lineage.IndicatorLineage;
import cn.hangzhou.indicators.ops.DeltaTables;
import cn.hangzhou.indicators.ops.RunContext;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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
        Map<String, Object> explanation = DeltaTables.exists(spark, layout.indicatorValues())
                ? explain(spark, layout, catalogue.byReportedId(indicatorId)) : null;
        if (explanation == null) {
            err.println("no value of " + indicatorId + " for " + districtCode + " in " + year + " in " + layout.indicatorValues()
                    + " (not computed yet?)");
            err.flush();
            return ExitCodes.USAGE;
        }
        if (json) {
            out.println(new ObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsString(explanation));
        } else {
            printText(out, explanation);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Everything known about the value, as nested maps and lists (the JSON shape); null when there is no value. */
    Map<String, Object> explain(SparkSession spark, WarehouseLayout layout, Indicator indicator) {
        List<Row> values = read(spark, layout.indicatorValues())
                .where(IndicatorLineage.cell(indicatorId, districtCode, year)).collectAsList();
        if (values.isEmpty()) {
            return null;
        }
        Row value = values.get(0);
        Map<String, Object> explanation = new LinkedHashMap<>();
        explanation.put("indicator_id", indicatorId);
        explanation.put("district_code", districtCode);
        explanation.put("year", year);
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("name_zh", indicator.definition().nameZh());
        definition.put("name_en", indicator.definition().nameEn());
        definition.put("unit", indicator.definition().unit());
        definition.put("kind", indicator.kind().name().toLowerCase(java.util.Locale.ROOT));
        definition.put("numerator", indicator.definition().numerator());
        definition.put("denominator", indicator.definition().denominator());
        definition.put("sql_resource", indicator.definition().sql());
        definition.put("sql", indicator.sqlText());
        definition.put("lineage_sql_resource", indicator.definition().lineageSql());
        definition.put("definition_version", value.getAs("definition_version"));
        definition.put("current_definition_version", indicator.definitionVersion());
        explanation.put("definition", definition);
        explanation.put("value", value.getAs("value"));
        explanation.put("numerator", value.getAs("numerator"));
        explanation.put("denominator", value.getAs("denominator"));
        explanation.put("quality_status", value.getAs("quality_status"));
        String disclosure = null;
        if (DeltaTables.exists(spark, layout.publishedIndicators())) {
            List<Row> published = read(spark, layout.publishedIndicators())
                    .where(IndicatorLineage.cell(indicatorId, districtCode, year)).select("disclosure_status").collectAsList();
            disclosure = published.isEmpty() ? null : published.get(0).getString(0);
        }
        explanation.put("disclosure_status", disclosure);
        explanation.put("computed_at", String.valueOf(value.<Object>getAs("computed_at")));

        List<Map<String, Object>> sources = sources(spark, layout);
        explanation.put("sources", sources);
        List<String> fileIds = sources.stream().map(source -> (String) source.get("file_id")).distinct().toList();
        explanation.put("quality_results", qualityResults(spark, layout, fileIds));
        String runId = value.getAs("run_id");
        explanation.put("run", run(spark, layout, runId));
        if (rows) {
            explanation.put("rows", contributingRows(spark, layout));
        }
        return explanation;
    }

    private List<Map<String, Object>> sources(SparkSession spark, WarehouseLayout layout) {
        String path = layout.lineage(IndicatorLineage.SOURCES_TABLE);
        List<Map<String, Object>> sources = new ArrayList<>();
        if (!DeltaTables.exists(spark, path)) {
            return sources;
        }
        Dataset<Row> lineage = read(spark, path).where(IndicatorLineage.cell(indicatorId, districtCode, year));
        Dataset<Row> joined = lineage;
        boolean manifest = DeltaTables.exists(spark, layout.ingestManifest());
        if (manifest) {
            // a duplicate repeats the file_id of the delivery it duplicates: only the delivery's own row
            Dataset<Row> deliveries = read(spark, layout.ingestManifest()).where(col("status").notEqual(lit("duplicate")))
                    .select("file_id", "file_name", "sha256", "first_seen_at", "status", "quality_status");
            joined = lineage.join(deliveries, lineage.col("file_id").equalTo(deliveries.col("file_id")), "left")
                    .drop(deliveries.col("file_id"));
        }
        for (Row row : (manifest ? joined.orderBy("role", "file_name", "file_id") : joined.orderBy("role", "file_id")).collectAsList()) {
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("role", row.getAs("role"));
            source.put("file_id", row.getAs("file_id"));
            source.put("rows", row.<Long>getAs("rows"));
            if (manifest) {
                source.put("file_name", row.getAs("file_name"));
                source.put("sha256", row.getAs("sha256"));
                Object firstSeen = row.getAs("first_seen_at");
                source.put("first_seen_at", firstSeen == null ? null : firstSeen.toString());
                source.put("delivery_status", row.getAs("status"));
                source.put("quality_status", row.getAs("quality_status"));
            }
            sources.add(source);
        }
        return sources;
    }

    private static List<Map<String, Object>> qualityResults(SparkSession spark, WarehouseLayout layout, List<String> fileIds) {
        String path = layout.quality("check_results");
        List<Map<String, Object>> results = new ArrayList<>();
        if (fileIds.isEmpty() || !DeltaTables.exists(spark, path)) {
            return results;
        }
        for (Row row : read(spark, path).where(col("file_id").isin(fileIds.toArray()))
                .select("file_id", "rule", "severity", "status", "failing_rows").orderBy("file_id", "rule").collectAsList()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("file_id", row.getAs("file_id"));
            result.put("rule", row.getAs("rule"));
            result.put("severity", row.getAs("severity"));
            result.put("status", row.getAs("status"));
            result.put("failing_rows", row.getAs("failing_rows"));
            results.add(result);
        }
        return results;
    }

    private static Map<String, Object> run(SparkSession spark, WarehouseLayout layout, String runId) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("run_id", runId);
        if (runId == null || !DeltaTables.exists(spark, layout.runs())) {
            return run;
        }
        List<Row> records = read(spark, layout.runs()).where(col("run_id").equalTo(lit(runId))).collectAsList();
        if (records.isEmpty()) {
            return run;
        }
        Row record = records.get(0);
        run.put("command", record.getAs("command"));
        run.put("started_at", String.valueOf(record.<Object>getAs("started_at")));
        run.put("outcome", record.getAs("outcome"));
        run.put("code_version", record.getAs("code_version"));
        run.put("configuration_hash", record.getAs("configuration_hash"));
        List<Map<String, Object>> tables = new ArrayList<>();
        for (Row table : record.<Row>getList(record.fieldIndex("tables"))) {
            Map<String, Object> version = new LinkedHashMap<>();
            version.put("table", table.getAs("table"));
            version.put("version_before", table.getAs("version_before"));
            version.put("version_after", table.getAs("version_after"));
            tables.add(version);
        }
        run.put("tables", tables);
        return run;
    }

    private List<Map<String, Object>> contributingRows(SparkSession spark, WarehouseLayout layout) {
        String path = layout.lineage(IndicatorLineage.ROWS_TABLE);
        List<Map<String, Object>> rowList = new ArrayList<>();
        if (!DeltaTables.exists(spark, path)) {
            return rowList;
        }
        for (Row row : IndicatorLineage.cellRows(read(spark, path), indicatorId, districtCode, year)
                .orderBy("role", "file_id", "row_number").collectAsList()) {
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("role", row.getAs("role"));
            source.put("file_id", row.getAs("file_id"));
            source.put("row_number", row.getAs("row_number"));
            source.put("person_key", row.getAs("person_key"));
            rowList.add(source);
        }
        return rowList;
    }

    @SuppressWarnings("unchecked")
    private static void printText(PrintWriter out, Map<String, Object> explanation) {
        Map<String, Object> definition = (Map<String, Object>) explanation.get("definition");
        out.println(explanation.get("indicator_id") + "  " + definition.get("name_zh") + " / " + definition.get("name_en")
                + "  district " + explanation.get("district_code") + "  year " + explanation.get("year"));
        out.println("  numerator:   " + definition.get("numerator"));
        out.println("  denominator: " + definition.get("denominator"));
        out.println("  SQL: " + definition.get("sql_resource") + " (definition version " + definition.get("definition_version") + ")");
        out.println("value " + explanation.get("value") + " " + definition.get("unit") + " = numerator " + explanation.get("numerator")
                + " / denominator " + explanation.get("denominator") + "; quality " + explanation.get("quality_status")
                + ", disclosure " + explanation.get("disclosure_status"));
        out.println("contributing deliveries:");
        for (Map<String, Object> source : (List<Map<String, Object>>) explanation.get("sources")) {
            out.println("  " + source.get("role") + "  " + source.get("file_id") + "  " + source.get("rows") + " rows  "
                    + source.get("file_name") + "  sha256 " + source.get("sha256") + "  first seen " + source.get("first_seen_at")
                    + "  quality " + source.get("quality_status"));
        }
        List<Map<String, Object>> results = (List<Map<String, Object>>) explanation.get("quality_results");
        long passed = results.stream().filter(result -> "passed".equals(result.get("status"))).count();
        out.println("quality results of these deliveries: " + passed + " of " + results.size() + " passed"
                + (passed == results.size() ? "" : "; the others (--json lists all):"));
        for (Map<String, Object> result : results) {
            if (!"passed".equals(result.get("status"))) {
                out.println("  " + result.get("file_id") + "  " + result.get("rule") + "  " + result.get("severity") + "  "
                        + result.get("status") + "  failing rows " + result.get("failing_rows"));
            }
        }
        Map<String, Object> run = (Map<String, Object>) explanation.get("run");
        out.println("computed by run " + run.get("run_id") + " (" + run.get("command") + ", " + run.get("started_at")
                + ", code " + run.get("code_version") + ")");
        Object tables = run.get("tables");
        if (tables != null) {
            for (Map<String, Object> table : (List<Map<String, Object>>) tables) {
                out.println("  " + table.get("table") + "  version " + table.get("version_before") + " -> " + table.get("version_after"));
            }
        }
        Object rowList = explanation.get("rows");
        if (rowList != null) {
            out.println("contributing rows:");
            for (Map<String, Object> row : (List<Map<String, Object>>) rowList) {
                out.println("  " + row.get("role") + "  " + row.get("file_id") + "  row " + row.get("row_number")
                        + (row.get("person_key") == null ? "" : "  person " + row.get("person_key")));
            }
        }
    }

    private static Dataset<Row> read(SparkSession spark, String path) {
        return spark.read().format("delta").load(path);
    }
}
