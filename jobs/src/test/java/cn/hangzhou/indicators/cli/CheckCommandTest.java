package cn.hangzhou.indicators.cli;

import static cn.hangzhou.indicators.testing.QualityFixtures.idNumber;
import static cn.hangzhou.indicators.testing.QualityFixtures.withWrongCheckCharacter;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.ops.WarehouseLayout;
import cn.hangzhou.indicators.testing.QualityFixtures;
import cn.hangzhou.indicators.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/indicators check}: the drop threshold and error rules reject deliveries, exit code 4, a report without identifiers. */
class CheckCommandTest {

    @TempDir
    Path warehouse;

    static List<String[]> childcare(int rows, int negativeCapacities) {
        List<String[]> records = new ArrayList<>();
        for (int i = 1; i <= rows; i++) {
            records.add(new String[] {"TY" + String.format("%05d", i), "托育机构" + i, "330106", i <= negativeCapacities ? "-5" : "60",
                    "2021-06-01", "正常运营"});
        }
        return records;
    }

    @Test
    void rejectedDeliveriesEndWithExitCode4AndTheReportShowsNoIdentifiers() throws IOException {
        SparkSession spark = SharedSpark.session();
        QualityFixtures fixtures = new QualityFixtures(spark, new WarehouseLayout(warehouse.toString()));
        String elevenOfHundred = fixtures.delivery("childcare", "2022").rows(childcare(100, 11)).ingest();
        String tenOfHundred = fixtures.delivery("childcare", "2023").rows(childcare(100, 10)).ingest();
        String fiveOfNine = fixtures.delivery("childcare", "2024").rows(childcare(9, 5)).ingest();
        List<String[]> shifted = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            // school id and district swapped: every row unusable, caught by the error rule rows_misaligned
            shifted.add(new String[] {"330102", "学校" + i, "33010000" + String.format("%02d", i), "02", "1", null});
        }
        String misaligned = fixtures.delivery("schools", "2024").rows(shifted).ingest();
        List<String> identifiers = new ArrayList<>();
        List<String[]> residents = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            String id = idNumber("1980-01-0" + (i % 9 + 1), i);
            String idNumber = i % 3 == 0 ? withWrongCheckCharacter(id) : i % 3 == 1 ? " " + id + " " : id;
            String name = "王小" + (char) ('甲' + i);
            identifiers.add(idNumber.trim());
            identifiers.add(name);
            residents.add(new String[] {"HZ330102" + String.format("%09d", i), idNumber, name, "1", "1980-01-0" + (i % 9 + 1), "330102", "1",
                    "2015-05-05", i == 12 ? "9" : "1"});
        }
        String withIdDefects = fixtures.delivery("residents", "2024").rows(residents).ingest();

        int exitCode = IndicatorsCommand.execute("check", "--warehouse", warehouse.toString());

        assertThat(exitCode).isEqualTo(ExitCodes.INPUT_REJECTED);
        String lastCommitMetadata = spark.sql("DESCRIBE HISTORY delta.`" + fixtures.layout().ingestManifest() + "` LIMIT 1")
                .first().getAs("userMetadata");
        String runId = lastCommitMetadata.replaceAll("^\\{\"run_id\":\"([^\"]+)\".*$", "$1");
        assertThat(lastCommitMetadata).contains("\"command\":\"check\"");
        Map<String, String> statuses = new HashMap<>();
        for (Row row : spark.read().format("delta").load(fixtures.layout().ingestManifest()).collectAsList()) {
            statuses.put(row.getString(row.fieldIndex("file_id")), row.getString(row.fieldIndex("quality_status")));
            assertThat(row.getString(row.fieldIndex("quality_run_id"))).isEqualTo(runId);
        }
        assertThat(statuses).containsEntry(elevenOfHundred, "rejected").containsEntry(tenOfHundred, "warned")
                .containsEntry(fiveOfNine, "warned").containsEntry(misaligned, "rejected").containsEntry(withIdDefects, "warned");
        long errorFailures = spark.read().format("delta").load(fixtures.layout().quality("check_results"))
                .where("file_id = '" + misaligned + "' AND rule = 'rows_misaligned' AND severity = 'error' AND status = 'failed'").count();
        assertThat(errorFailures).isEqualTo(1);

        List<Path> reports;
        try (Stream<Path> files = Files.list(Path.of(fixtures.layout().reports()))) {
            reports = files.sorted().toList();
        }
        assertThat(reports).extracting(path -> path.getFileName().toString())
                .containsExactly("quality-" + runId + ".html", "quality-" + runId + ".md");
        for (Path report : reports) {
            String text = Files.readString(report);
            assertThat(text).contains("childcare_2022.csv", "rejected", "residents_2024.csv:").doesNotContainPattern("[0-9]{17}[0-9Xx]");
            identifiers.forEach(identifier -> assertThat(text).doesNotContain(identifier));
        }
    }
}
