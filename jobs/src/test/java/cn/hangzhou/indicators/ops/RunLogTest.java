package cn.hangzhou.indicators.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JSON run log: one line per event with run id, stage and counts, ID-shaped text replaced, nothing after the run. */
class RunLogTest {

    private static final Logger LOG = LoggerFactory.getLogger(RunLogTest.class);
    private static final String ID_SHAPED = "33010620120517002X";

    @TempDir
    Path folder;

    @Test
    void aRunsEventsBecomeJsonLinesUnderTheWarehouse() throws IOException {
        RunContext run = new RunContext("20261201T020000Z-abc123", "nightly", List.of(), Instant.now());
        RunLog runLog = RunLog.start(folder.toString(), new Configuration(), run).orElseThrow();
        LOG.info("before any stage");
        try (StageMetrics.Stage check = StageMetrics.start("check")) {
            try (StageMetrics.Stage inner = StageMetrics.start("quarantine")) {
                LOG.info("checked {} deliveries for {}", 3, ID_SHAPED, new RunLog.Counts(Map.of("deliveries", 3L)));
            }
            LOG.warn("a rule could not run", new IllegalStateException("value " + ID_SHAPED + " is not a number"));
        }
        LOG.debug("below the configured level");
        runLog.close();
        LOG.info("after the run");

        Path file = folder.resolve(RunLog.FOLDER).resolve(run.runId() + ".jsonl");
        assertThat(runLog.location()).endsWith(RunLog.FOLDER + "/" + run.runId() + ".jsonl");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            lines.add(new ObjectMapper().readTree(line));
        }
        assertThat(Files.readString(file)).doesNotContain(ID_SHAPED).doesNotContain("below the configured level")
                .doesNotContain("after the run");
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.get("run_id").asText()).isEqualTo(run.runId());
            assertThat(line.get("command").asText()).isEqualTo("nightly");
            assertThat(Instant.parse(line.get("timestamp").asText())).isNotNull();
        });

        JsonNode first = lines.get(0);
        assertThat(first.get("message").asText()).isEqualTo("before any stage");
        assertThat(first.get("stage").isNull()).isTrue();

        JsonNode checked = lines.stream().filter(line -> line.get("message").asText().startsWith("checked")).findFirst().orElseThrow();
        assertThat(checked.get("level").asText()).isEqualTo("INFO");
        assertThat(checked.get("stage").asText()).isEqualTo("check");
        assertThat(checked.get("step").asText()).isEqualTo("quarantine");
        assertThat(checked.get("message").asText()).isEqualTo("checked 3 deliveries for " + RunLog.REDACTED);
        assertThat(checked.get("counts").get("deliveries").asLong()).isEqualTo(3);

        JsonNode warning = lines.stream().filter(line -> line.get("level").asText().equals("WARN")).findFirst().orElseThrow();
        assertThat(warning.get("stage").asText()).isEqualTo("check");
        assertThat(warning.get("error").asText()).contains("IllegalStateException", RunLog.REDACTED);

        JsonNode stageEnd = lines.stream().filter(line -> line.get("message").asText().startsWith("stage check:")).findFirst().orElseThrow();
        assertThat(stageEnd.get("stage").asText()).isEqualTo("check");
        assertThat(stageEnd.get("counts").has("rows")).isTrue();
        assertThat(stageEnd.get("counts").has("wall_milliseconds")).isTrue();
    }

    @Test
    void idShapedTextIsReplacedButLongerNumbersAreNot() {
        assertThat(RunLog.redact("person 330106201205170021 and 33010620120517002x")).isEqualTo("person [id-number] and [id-number]");
        assertThat(RunLog.redact("bytes 1234567890123456789012")).isEqualTo("bytes 1234567890123456789012");
        assertThat(RunLog.redact("run 20261201T020000Z-abc123, 294341 rows")).isEqualTo("run 20261201T020000Z-abc123, 294341 rows");
    }
}
