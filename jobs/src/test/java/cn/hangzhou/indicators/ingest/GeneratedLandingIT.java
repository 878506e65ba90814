package cn.hangzhou.indicators.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.cli.ExitCodes;
import cn.hangzhou.indicators.cli.IndicatorsCommand;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import cn.hangzhou.indicators.testing.SharedSpark;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny generated landing (bin/indicators generate) ingested as the first drop, then its _redelivery/ as the second. */
class GeneratedLandingIT {

    private static final Set<String> STRUCTURAL = Set.of("wrong_field_count", "unbalanced_quote");

    @TempDir
    Path folder;

    private record Defect(String file, Long row, String kind) {
    }

    private static List<Defect> defects(Path landing) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Defect> defects = new ArrayList<>();
        for (String line : Files.readAllLines(landing.resolve("_generator/defects.jsonl"), StandardCharsets.UTF_8)) {
            JsonNode node = json.readTree(line);
            defects.add(new Defect(node.get("file").asText(), node.get("row").isNull() ? null : node.get("row").asLong(),
                    node.get("kind").asText()));
        }
        return defects;
    }

    @Test
    void structuralDefectsAreQuarantinedOrRejectedAndEveryRowIsAccountedFor() throws IOException {
        Path landing = folder.resolve("landing");
        String warehouse = folder.resolve("warehouse").toString();
        assertThat(IndicatorsCommand.execute("generate", "--out", landing.toString(), "--scale", "0.0005", "--years", "2024")).isZero();
        List<Defect> defects = defects(landing);
        IngestedTables tables = new IngestedTables(SharedSpark.session(), new WarehouseLayout(warehouse));

        assertThat(IndicatorsCommand.execute("ingest", "--landing", landing.toString(), "--warehouse", warehouse))
                .isEqualTo(ExitCodes.INPUT_REJECTED);

        tables.assertEveryIngestedFileBalances();
        Map<String, String> expectedStatus = Map.of("empty_file", "rejected", "wrong_encoding_gbk_for_utf8", "ingested",
                "wrong_encoding_utf8_for_gbk", "ingested", "truncated_gzip", "rejected", "corrupt_gzip", "rejected",
                "missing_header", "ingested", "header_only_file", "ingested", "reordered_header", "ingested",
                "extra_column", "ingested", "partial_export", "ingested");
        Map<String, String> expectedWarning = Map.of("wrong_encoding_gbk_for_utf8", "wrong encoding: expected UTF-8, decoded as GBK",
                "wrong_encoding_utf8_for_gbk", "wrong encoding: expected GBK, decoded as UTF-8", "missing_header", "missing header: line 1");
        for (Defect defect : defects) {
            if (defect.row() == null && expectedStatus.containsKey(defect.kind())) {
                Row file = tables.manifestRow(landing.resolve(defect.file()));
                assertThat(file.<String>getAs("status")).as("%s, %s", defect.file(), defect.kind())
                        .isEqualTo(expectedStatus.get(defect.kind()));
                int warnings = file.fieldIndex("ingest_warnings");
                List<String> found = file.isNullAt(warnings) ? List.of() : file.getList(warnings);
                if (expectedWarning.containsKey(defect.kind())) {
                    assertThat(found).as("%s, %s", defect.file(), defect.kind()).singleElement().asString()
                            .startsWith(expectedWarning.get(defect.kind()));
                } else {
                    assertThat(found).as("%s, %s", defect.file(), defect.kind()).isEmpty();
                }
            }
        }
        Row extra = tables.manifestRow(landing.resolve(defects.stream().filter(defect -> defect.kind().equals("extra_column")).findFirst().orElseThrow().file()));
        assertThat(extra.<String>getList(extra.fieldIndex("extra_columns"))).containsExactly("备注");

        // every structural defect of an ingested file is in the quarantine at its row, and nothing else is
        Map<String, String> fileIds = new HashMap<>();
        for (Row row : tables.manifest().where(col("status").equalTo("ingested")).collectAsList()) {
            fileIds.put(row.<String>getAs("path").substring(("file:" + landing).length() + 1), row.getAs("file_id"));
        }
        Set<String> expectedQuarantine = new HashSet<>();
        for (Defect defect : defects) {
            if (STRUCTURAL.contains(defect.kind()) && fileIds.containsKey(defect.file())) {
                expectedQuarantine.add(fileIds.get(defect.file()) + "@" + defect.row());
            }
        }
        assertThat(expectedQuarantine).isNotEmpty();
        Set<String> quarantined = new HashSet<>();
        for (Row row : tables.table(tables.layout().quarantine()).select("file_id", "row_number").collectAsList()) {
            quarantined.add(row.getString(0) + "@" + row.getLong(1));
        }
        assertThat(quarantined).isEqualTo(expectedQuarantine);
        for (Defect defect : defects) {
            if (defect.kind().equals("embedded_newline") && fileIds.containsKey(defect.file())) {
                String extract = tables.manifestRow(landing.resolve(defect.file())).getAs("extract");
                assertThat(tables.table(tables.layout().bronze(extract)).where(col("_file_id").equalTo(fileIds.get(defect.file()))
                        .and(col("_row_number").equalTo(defect.row()))).count()).as("%s row %d", defect.file(), defect.row()).isEqualTo(1);
            }
        }

        assertThat(IndicatorsCommand.execute("ingest", "--landing", landing.resolve("_redelivery").toString(), "--warehouse", warehouse))
                .isEqualTo(ExitCodes.OK);

        tables.assertEveryIngestedFileBalances();
        for (Defect defect : defects) {
            String status = switch (defect.kind()) {
                case "duplicate_redelivery" -> "duplicate";
                case "corrected_redelivery", "late_file" -> "ingested";
                default -> null;
            };
            if (status != null) {
                assertThat(tables.manifestRow(landing.resolve(defect.file())).<String>getAs("status")).as("%s, %s", defect.file(), defect.kind())
                        .isEqualTo(status);
            }
            if (defect.kind().equals("header_only_file") || defect.kind().equals("partial_export")) {
                assertThat(tables.manifestRow(landing.resolve(defect.file())).<String>getAs("status")).isEqualTo("superseded");
            }
        }
    }
}
