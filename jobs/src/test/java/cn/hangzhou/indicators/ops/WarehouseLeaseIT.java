package cn.hangzhou.indicators.ops;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.catalog.TableComments;
import cn.hangzhou.indicators.cli.ExitCodes;
import cn.hangzhou.indicators.cli.IndicatorsCommand;
import cn.hangzhou.indicators.config.LeaseSettings;
import cn.hangzhou.indicators.config.ProjectHome;
import cn.hangzhou.indicators.config.TableDescriptions;
import cn.hangzhou.indicators.testing.SharedSpark;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code nightly} through the launcher's command classes on a real warehouse folder: refused while another run holds the lease. */
class WarehouseLeaseIT {

    @TempDir
    Path folder;

    @Test
    void aSecondNightlyIsRefusedWhileTheLeaseIsHeldAndRunsOnceItIsGivenBack() throws IOException {
        Path conf = configuration();
        Path warehouse = folder.resolve("warehouse");
        RunContext holding = new RunContext("20261201T020000Z-c0ffee", "nightly", List.of(), Instant.now());
        LeaseSettings settings = new LeaseSettings(60.0, 1.0, 0.05);

        try (WarehouseLease lease = WarehouseLease.acquire(warehouse.toString(), new Configuration(), settings, holding)) {
            Launched second = launch("nightly", "--conf", conf.toString());

            assertThat(second.exitCode()).isEqualTo(ExitCodes.LEASE_HELD);
            assertThat(second.err()).contains("nightly", "not started", "the warehouse is in use",
                    "run 20261201T020000Z-c0ffee (nightly)", "on host " + WarehouseLease.hostName(),
                    "pid " + ProcessHandle.current().pid(), "started " + holding.startedAt());
            // the refused run wrote nothing: no run record, no table, only the holder's lease
            try (Stream<Path> files = Files.walk(warehouse)) {
                assertThat(files.filter(Files::isRegularFile).map(warehouse::relativize).map(Path::toString).toList())
                        .containsExactly(WarehouseLease.FILE);
            }
            assertThat(lease.held()).isTrue();
        }

        Launched afterwards = launch("nightly", "--conf", conf.toString());
        assertThat(afterwards.exitCode()).as(afterwards.err()).isEqualTo(ExitCodes.OK);
        assertThat(warehouse.resolve(WarehouseLease.FILE)).doesNotExist();
        List<Row> runs = SharedSpark.session().read().format("delta").load(new WarehouseLayout(warehouse.toString()).runs())
                .collectAsList();
        assertThat(runs).extracting(row -> row.<String>getAs("command")).containsExactly("nightly");

        // beside the console, the run's JSON log: every line with the run id, the stages named, the summary's counts
        String runId = runs.get(0).getAs("run_id");
        List<String> lines = Files.readAllLines(warehouse.resolve(RunLog.FOLDER).resolve(runId + ".jsonl"));
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> events = new java.util.ArrayList<>();
        for (String line : lines) {
            events.add(json.readTree(line));
        }
        assertThat(events).isNotEmpty().allSatisfy(event -> assertThat(event.get("run_id").asText()).isEqualTo(runId));
        assertThat(events).extracting(event -> event.get("stage").asText()).contains("ingest", "check", "conform", "compute");
        assertThat(events).filteredOn(event -> event.has("counts") && event.get("counts").has("compute_exit_code")).hasSize(1);
        // a successful run logs no ERROR, its Spark shutdown included
        assertThat(events).noneMatch(event -> event.get("level").asText().equals("ERROR") || event.has("error"));
        assertThat(afterwards.err()).doesNotContain("ERROR", "Exception");
        assertThat(String.join("\n", lines).replace(folder.getFileName().toString(), "folder"))
                .doesNotContainPattern(RunLog.ID_NUMBER.pattern());
        assertThat(afterwards.out()).contains("ingest ok, check ok, conform ok, compute ok; exit code 0");
        // at its end the night wrote conf/tables.yaml's comments into the one table it created, and noted the version checked
        assertThat(afterwards.out()).contains("table comments (conf/tables.yaml) written on 1 tables: ops.compute_state");
        String computeState = new WarehouseLayout(warehouse.toString()).computeState();
        assertThat(DeltaTable.forPath(SharedSpark.session(), computeState).detail().select("description").first().getString(0))
                .isEqualTo(TableDescriptions.ofProject(ProjectHome.locate()).table("ops.compute_state").orElseThrow().comment());
        assertThat(json.readTree(warehouse.resolve("ops").resolve(TableComments.STATE_FILE).toFile()).fieldNames())
                .toIterable().containsExactly("ops/compute_state");
    }

    @Test
    void aLeaseLeftByAKilledNightlyOfThisHostIsTakenOver() throws Exception {
        Path conf = configuration();
        Path warehouse = folder.resolve("warehouse");
        Process killed = new ProcessBuilder("sleep", "600").start();
        killed.destroyForcibly().waitFor();
        Instant now = Instant.now();
        Path leaseFile = warehouse.resolve(WarehouseLease.FILE);
        Files.createDirectories(leaseFile.getParent());
        new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).writeValue(leaseFile.toFile(),
                new WarehouseLease.Holder("killed", "20261201T020000Z-dead00", "nightly", WarehouseLease.hostName(), killed.pid(),
                        now.toString(), now.toString(), now.plusSeconds(3600).toString()));

        Launched rerun = launch("nightly", "--conf", conf.toString());

        assertThat(rerun.exitCode()).as(rerun.err()).isEqualTo(ExitCodes.OK);
        assertThat(leaseFile).doesNotExist();
    }

    private record Launched(int exitCode, String out, String err) {
    }

    private static Launched launch(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = IndicatorsCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(arguments);
        return new Launched(exitCode, out.toString(), err.toString());
    }

    /** The local profile on this test's folders: an empty landing, a key file of its own, a short settle. */
    private Path configuration() throws IOException {
        Files.createDirectories(folder.resolve("landing"));
        return Files.writeString(folder.resolve("pipeline.yaml"), """
                profiles:
                  local:
                    spark_master: local[2]
                    spark_conf:
                      spark.sql.shuffle.partitions: "2"
                      spark.ui.enabled: "false"
                    landing: %s
                    warehouse: %s
                    pseudonymisation_key:
                      environment_variable: INDICATORS_TEST_KEY_THAT_IS_NOT_SET
                      file: %s
                      create_if_missing: true
                    openlineage:
                      transport: none
                    lease:
                      expiry_seconds: 60
                      heartbeat_seconds: 1
                      settle_seconds: 0.05
                """.formatted(folder.resolve("landing"), folder.resolve("warehouse"), folder.resolve("keys/pseudonymisation.key")));
    }
}
