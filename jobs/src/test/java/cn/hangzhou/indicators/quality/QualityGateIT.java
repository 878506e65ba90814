package cn.hangzhou.indicators.quality;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.cli.ExitCodes;
import cn.hangzhou.indicators.cli.IndicatorsCommand;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import cn.hangzhou.indicators.testing.ProjectFiles;
import cn.hangzhou.indicators.testing.SharedSpark;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * generate → ingest → check, with the generator's {@code _generator/defects.jsonl} as ground truth: every
 * row-level defect that reached bronze is caught by its rule (drop rules: the row is quarantined with that
 * reason; warn rules: counted), the rules raise nothing in files without such defects, and the partial
 * export is flagged by the size history.
 */
class QualityGateIT {

    /** The rule kinds that catch each row-level defect kind of the generator. */
    static final Map<String, RuleKind> RULE_OF_DEFECT = Map.ofEntries(
            Map.entry("id_bad_check_character", RuleKind.RESIDENT_ID), Map.entry("id_wrong_length", RuleKind.RESIDENT_ID),
            Map.entry("id_lower_case_x", RuleKind.ID_NORMALISED), Map.entry("id_surrounding_spaces", RuleKind.ID_NORMALISED),
            Map.entry("impossible_date", RuleKind.PARSE), Map.entry("out_of_period_date", RuleKind.IN_PERIOD),
            Map.entry("death_before_birth", RuleKind.DATE_ORDER), Map.entry("unknown_district_code", RuleKind.CODE),
            Map.entry("unknown_school_code", RuleKind.REFERENCE), Map.entry("unknown_scheme_code", RuleKind.CODE),
            Map.entry("unknown_programme_code", RuleKind.CODE), Map.entry("negative_capacity", RuleKind.RANGE),
            Map.entry("absurd_amount", RuleKind.RANGE), Map.entry("duplicate_row", RuleKind.DUPLICATE_KEY),
            Map.entry("duplicate_record_id_across_deliveries", RuleKind.UNIQUE_ACROSS_DELIVERIES));

    @TempDir
    Path landing;
    @TempDir
    Path warehouse;

    record Defect(String sourceName, long row, String kind, String column) {
    }

    @Test
    void generatedDefectsAreCaughtByTheirRules() throws IOException {
        SparkSession spark = SharedSpark.session();
        WarehouseLayout layout = new WarehouseLayout(warehouse.toString());
        assertThat(IndicatorsCommand.execute("generate", "--out", landing.toString(), "--scale", "0.0005", "--years", "2024",
                "--defects", "0.01")).isEqualTo(ExitCodes.OK);
        assertThat(IndicatorsCommand.execute("ingest", "--landing", landing.toString(), "--warehouse", warehouse.toString()))
                .isIn(ExitCodes.OK, ExitCodes.INPUT_REJECTED);

        int exitCode = IndicatorsCommand.execute("check", "--warehouse", warehouse.toString());

        assertThat(exitCode).isIn(ExitCodes.OK, ExitCodes.INPUT_REJECTED);
        QualityConfig config = QualityConfig.load(QualityConfig.folder(ProjectFiles.home()), ProjectFiles.schemas());
        Map<String, Row> deliveries = new HashMap<>();
        for (Row row : spark.read().format("delta").load(layout.ingestManifest()).where("status = 'ingested'").collectAsList()) {
            deliveries.put(row.getString(row.fieldIndex("source_name")), row);
            assertThat(row.getString(row.fieldIndex("quality_status"))).as(row.getString(row.fieldIndex("source_name")))
                    .isIn("passed", "warned", "rejected");
        }
        Set<String> structurallyQuarantined = new HashSet<>();
        Map<String, List<String>> qualityReasons = new HashMap<>();
        for (Row row : spark.read().format("delta").load(layout.quarantine()).collectAsList()) {
            String key = row.getString(row.fieldIndex("file_id")) + ":" + row.get(row.fieldIndex("row_number"));
            if ("quality".equals(row.getString(row.fieldIndex("stage")))) {
                qualityReasons.put(key, row.getList(row.fieldIndex("reasons")));
            } else {
                structurallyQuarantined.add(key);
            }
        }
        Map<String, Long> failing = new HashMap<>();
        Map<String, String> located = new HashMap<>();
        for (Row row : spark.read().format("delta").load(layout.quality("check_results")).collectAsList()) {
            String fileRule = row.getString(row.fieldIndex("file_id")) + "/" + row.getString(row.fieldIndex("rule"));
            failing.put(fileRule, row.getLong(row.fieldIndex("failing_rows")));
            located.put(fileRule, row.getString(row.fieldIndex("rule")) + " at " + row.getList(row.fieldIndex("example_locations")));
        }

        List<Defect> defects = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(landing.resolve("_generator/defects.jsonl"))) {
            JsonNode defect = json.readTree(line);
            String file = defect.get("file").asText();
            if (defect.get("row").isNull() || file.startsWith("_redelivery/") || !RULE_OF_DEFECT.containsKey(defect.get("kind").asText())) {
                continue;
            }
            String sourceName = Path.of(file).getFileName().toString().replaceAll("\\.gz$", "");
            defects.add(new Defect(sourceName, defect.get("row").asLong(), defect.get("kind").asText(), defect.get("column").asText(null)));
        }
        Map<String, Long> injected = new HashMap<>();
        Set<String> alsoExpected = new HashSet<>();
        List<String> missed = new ArrayList<>();
        int checkedDefects = 0;
        for (Defect defect : defects) {
            Row delivery = deliveries.get(defect.sourceName());
            if (delivery == null) {
                continue;
            }
            String fileId = delivery.getString(delivery.fieldIndex("file_id"));
            if (structurallyQuarantined.contains(fileId + ":" + defect.row()) || !otherDeliveryInBronze(defect, deliveries, structurallyQuarantined)) {
                continue;
            }
            QualityRule rule = ruleOf(config, delivery.getString(delivery.fieldIndex("extract")), defect);
            checkedDefects++;
            injected.merge(fileId + "/" + rule.name(), 1L, Long::sum);
            if (rule.kind() == RuleKind.UNIQUE_ACROSS_DELIVERIES && injected.get(fileId + "/" + rule.name()) > 1) {
                // every repeated id of a file is the previous month's first: twice in one file is a duplicate key too
                alsoExpected.add(fileId + "/duplicate_key");
            }
            if (rule.severity() == Severity.DROP
                    && !qualityReasons.getOrDefault(fileId + ":" + defect.row(), List.of()).contains(rule.name())) {
                missed.add(defect + " not quarantined by " + rule.name());
            }
        }
        assertThat(checkedDefects).isGreaterThan(20);
        assertThat(missed).isEmpty();
        List<String> countMismatches = new ArrayList<>();
        injected.forEach((fileRule, count) -> {
            long found = failing.getOrDefault(fileRule, 0L);
            if (found < count) {
                countMismatches.add(located.get(fileRule) + ": injected " + count + ", found " + found);
            }
        });
        assertThat(countMismatches).isEmpty();
        // no false alarms: the defect rules find nothing where nothing of their kind was injected
        Set<String> defectRules = new HashSet<>();
        for (QualityRuleSet ruleSet : config.ruleSets().values()) {
            ruleSet.rowRules().stream().filter(rule -> RULE_OF_DEFECT.containsValue(rule.kind())
                            && rule.kind() != RuleKind.UNIQUE_ACROSS_DELIVERIES && !rule.name().contains("after_period"))
                    .forEach(rule -> defectRules.add(rule.name()));
        }
        List<String> falseAlarms = new ArrayList<>();
        failing.forEach((fileRule, count) -> {
            String rule = fileRule.substring(fileRule.indexOf('/') + 1);
            if (count > 0 && defectRules.contains(rule) && !injected.containsKey(fileRule) && !alsoExpected.contains(fileRule)) {
                falseAlarms.add(located.get(fileRule) + ": " + count);
            }
        });
        assertThat(falseAlarms).isEmpty();

        Row partial = deliveries.get("payments_202407.csv");
        assertThat(failing).containsEntry(partial.getString(partial.fieldIndex("file_id")) + "/size_anomaly", 0L);
        long sizeFailures = spark.read().format("delta").load(layout.quality("check_results"))
                .where("source_name = 'payments_202407.csv' AND rule = 'size_anomaly' AND status = 'failed'").count();
        assertThat(sizeFailures).isEqualTo(1);
    }

    /**
     * A record id repeated from the previous month's file can only be seen when that file's first record reached
     * bronze (ingest may have rejected the file, or quarantined the record).
     */
    static boolean otherDeliveryInBronze(Defect defect, Map<String, Row> deliveries, Set<String> structurallyQuarantined) {
        if (!defect.kind().equals("duplicate_record_id_across_deliveries")) {
            return true;
        }
        java.util.regex.Matcher month = java.util.regex.Pattern.compile("(\\d{4})(\\d{2})").matcher(defect.sourceName());
        if (!month.find()) {
            return true;
        }
        java.time.YearMonth previous = java.time.YearMonth.of(Integer.parseInt(month.group(1)), Integer.parseInt(month.group(2))).minusMonths(1);
        String previousName = defect.sourceName().replace(month.group(), previous.format(java.time.format.DateTimeFormatter.ofPattern("yyyyMM")));
        Row previousDelivery = deliveries.get(previousName);
        return previousDelivery != null
                && !structurallyQuarantined.contains(previousDelivery.getString(previousDelivery.fieldIndex("file_id")) + ":2");
    }

    /** The rule of the extract that catches the defect: of the defect's kind and, where several, checking its column. */
    static QualityRule ruleOf(QualityConfig config, String extract, Defect defect) {
        RuleKind kind = RULE_OF_DEFECT.get(defect.kind());
        List<QualityRule> candidates = config.forExtract(extract).rowRules().stream().filter(rule -> rule.kind() == kind).toList();
        if (candidates.size() > 1 && defect.column() != null) {
            List<QualityRule> byColumn = candidates.stream().filter(rule -> rule.columns().contains(defect.column())
                    || rule.columns().isEmpty()).toList();
            candidates = byColumn.isEmpty() ? candidates : byColumn;
        }
        assertThat(candidates).as(extract + " has a rule for " + defect.kind()).isNotEmpty();
        return candidates.get(0);
    }
}
