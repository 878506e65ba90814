package cn.hangzhou.indicators.ops;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.testing.SharedSpark;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageMetricsTest {

    @TempDir
    Path folder;

    @AfterEach
    void stopWriting() {
        StageMetrics.writeTo(null);
    }

    @Test
    void aStageAroundASparkJobCountsTheJobAndAppendsOneJsonLine() throws Exception {
        SparkSession spark = SharedSpark.session();
        StageMetrics.listenTo(spark);
        Path file = folder.resolve("metrics.jsonl");
        StageMetrics.writeTo(file);

        StageMetrics.Stage stage = StageMetrics.start("tiny");
        try (stage) {
            stage.rows(spark.range(0, 1000, 1, 2).count());
            StageMetrics.addRows(5);
        }

        StageMetrics.Result result = stage.result();
        assertThat(result.spark().jobs()).isGreaterThanOrEqualTo(1);
        assertThat(result.cpuSeconds()).isGreaterThanOrEqualTo(0);
        assertThat(result.rows()).isEqualTo(1005);
        assertThat(result.peakHeapBytes()).isPositive();
        List<String> lines = Files.readAllLines(file).stream().filter(line -> line.contains("\"event\":\"stage\"")).toList();
        assertThat(lines).hasSize(1);
        JsonNode event = new ObjectMapper().readTree(lines.get(0));
        assertThat(event.get("event").asText()).isEqualTo("stage");
        assertThat(event.get("stage").asText()).isEqualTo("tiny");
        assertThat(event.get("rows").asLong()).isEqualTo(1005);
        assertThat(event.get("spark_jobs").asLong()).isEqualTo(result.spark().jobs());
        assertThat(event.has("peak_rss_bytes")).isTrue();
    }

    @Test
    void aStageWithoutRowsReportsThemUnknownAndClosingTwiceReportsOnce() throws Exception {
        Path file = folder.resolve("metrics.jsonl");
        StageMetrics.writeTo(file);
        StageMetrics.Stage stage = StageMetrics.start("empty");
        stage.close();
        stage.close();
        assertThat(stage.result().rows()).isEqualTo(-1);
        assertThat(Files.readAllLines(file).stream().filter(line -> line.contains("\"event\":\"stage\""))).hasSize(1);
    }

    @Test
    void aMissingStatusFileReadsAsUnknown() {
        assertThat(StageMetrics.ProcessStatus.kilobytes(folder.resolve("no-such-status"), "VmRSS:")).isEqualTo(-1);
    }
}
