package cn.hangzhou.indicators.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hangzhou.indicators.config.LeaseSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warehouse lease on a real folder: taken, refused with the holder named, recovered when stale, renewed, given back. */
class WarehouseLeaseTest {

    /** Short settle and heartbeat so the tests are quick; expiry long enough that a slow machine never expires a live lease. */
    private static final LeaseSettings FAST = new LeaseSettings(60.0, 0.05, 0.05);

    private static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    @TempDir
    Path folder;

    private final Configuration hadoop = new Configuration();

    @Test
    void aSecondWriterIsRefusedWithTheHolderNamed() throws IOException {
        Path warehouse = folder.resolve("warehouse");
        RunContext first = run("20261201T020000Z-aaaaaa", "nightly");
        try (WarehouseLease lease = WarehouseLease.acquire(warehouse.toString(), hadoop, FAST, first)) {
            JsonNode file = leaseFile(warehouse);
            assertThat(file.get("run_id").asText()).isEqualTo(first.runId());
            assertThat(file.get("command").asText()).isEqualTo("nightly");
            assertThat(file.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
            assertThat(file.get("host").asText()).isEqualTo(WarehouseLease.hostName());

            assertThatThrownBy(() -> WarehouseLease.acquire(warehouse.toString(), hadoop, FAST, run("20261201T020001Z-bbbbbb", "ingest")))
                    .isInstanceOf(WarehouseLease.HeldException.class)
                    .hasMessageContaining("run 20261201T020000Z-aaaaaa (nightly)")
                    .hasMessageContaining("on host " + WarehouseLease.hostName())
                    .hasMessageContaining("started " + first.startedAt())
                    .hasMessageContaining("lease --break");
            assertThat(leaseFile(warehouse).get("token").asText()).isEqualTo(lease.holder().token());
        }
    }

    @Test
    void closingGivesTheLeaseBackAndTheNextRunTakesIt() throws IOException {
        Path warehouse = folder.resolve("warehouse");
        WarehouseLease lease = WarehouseLease.acquire(warehouse.toString(), hadoop, FAST, run("run-1", "ingest"));
        lease.close();
        assertThat(warehouse.resolve(WarehouseLease.FILE)).doesNotExist();
        lease.close(); // twice is harmless

        try (WarehouseLease next = WarehouseLease.acquire(warehouse.toString(), hadoop, FAST, run("run-2", "check"))) {
            assertThat(leaseFile(warehouse).get("run_id").asText()).isEqualTo("run-2");
        }
        // no checksum files beside the lease
        try (var listing = Files.list(warehouse.resolve("ops"))) {
            assertThat(listing.map(path -> path.getFileName().toString()).toList()).isEmpty();
        }
    }

    @Test
    void anExpiredLeaseOfAnotherHostIsTakenOver() throws IOException {
        Path warehouse = folder.resolve("warehouse");
        Instant longAgo = Instant.now().minus(Duration.ofHours(2));
        writeLease(warehouse, "killed-token", "run-killed", "elsewhere.example", 4242L, longAgo, longAgo.plusSeconds(300));

        try (WarehouseLease lease = WarehouseLease.acquire(warehouse.toString(), hadoop, FAST, run("run-after", "nightly"))) {
            JsonNode file = leaseFile(warehouse);
            assertThat(file.get("run_id").asText()).isEqualTo("run-after");
            assertThat(file.get("token").asText()).isEqualTo(lease.holder().token()).isNotEqualTo("killed-token");
        }
    }

    @Test
    void aLeaseOfAnotherHostThatIsNotExpiredIsRespected() throws IOException {
        Path warehouse = folder.resolve("warehouse");
        Instant now = Instant.now();
        writeLease(warehouse, "live-token", "run-elsewhere", "elsewhere.example", 4242L, now, now.plusSeconds(300));

        assertThatThrownBy(() -> WarehouseLease.acquire(warehouse.toString(), hadoop, FAST, run("run-2", "nightly")))
                .isInstanceOf(WarehouseLease.HeldException.class)
                .hasMessageContaining("run run-elsewhere")
                .hasMessageContaining("elsewhere.example");
        assertThat(leaseFile(warehouse).get("token").asText()).isEqualTo("live-token");
    }

    @Test
    void aLeaseOfAVanishedProcessOfThisHostIsTakenOverBeforeItExpires() throws Exception {
        Path warehouse = folder.resolve("warehouse");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Instant now = Instant.now();
        writeLease(warehouse, "killed-token", "run-killed", WarehouseLease.hostName(), gone.pid(), now, now.plusSeconds(3600));

        try (WarehouseLease lease = WarehouseLease.acquire(warehouse.toString(), hadoop, FAST, run("run-after", "nightly"))) {
            assertThat(leaseFile(warehouse).get("run_id").asText()).isEqualTo("run-after");
        }
    }

    @Test
    void theHeartbeatRenewsTheLease() throws Exception {
        Path warehouse = folder.resolve("warehouse");
        try (WarehouseLease lease = WarehouseLease.acquire(warehouse.toString(), hadoop, FAST, run("run-1", "nightly"))) {
            String firstExpiry = leaseFile(warehouse).get("expires_at").asText();
            String renewed = firstExpiry;
            // waits for the change, however slow the machine; the assertion has no time limit of its own
            for (int attempt = 0; attempt < 600 && renewed.equals(firstExpiry); attempt++) {
                Thread.sleep(50);
                JsonNode file = readWhenComplete(warehouse);
                renewed = file == null ? firstExpiry : file.get("expires_at").asText();
            }
            assertThat(Instant.parse(renewed)).isAfter(Instant.parse(firstExpiry));
            assertThat(leaseFile(warehouse).get("token").asText()).isEqualTo(lease.holder().token());
            assertThat(lease.held()).isTrue();
            lease.verify();
        }
    }

    @Test
    void aRunWhoseLeaseWasTakenFailsItsNextFencingCheckAndLeavesTheNewHolder() throws IOException {
        Path warehouse = folder.resolve("warehouse");
        LeaseSettings slowHeartbeat = new LeaseSettings(600.0, 200.0, 0.05);
        WarehouseLease lease = WarehouseLease.acquire(warehouse.toString(), hadoop, slowHeartbeat, run("run-slow", "nightly"));
        Instant now = Instant.now();
        writeLease(warehouse, "other-token", "run-other", "elsewhere.example", 1L, now, now.plusSeconds(300));

        assertThatThrownBy(lease::verify).isInstanceOf(WarehouseLease.LostException.class)
                .hasMessageContaining("run-slow lost the warehouse lease")
                .hasMessageContaining("run run-other");
        assertThat(lease.held()).isFalse();
        lease.close();
        assertThat(leaseFile(warehouse).get("token").asText()).isEqualTo("other-token");
    }

    @Test
    void anUnreadableLeaseIsJudgedByItsAge() throws IOException {
        Path warehouse = folder.resolve("warehouse");
        Path file = warehouse.resolve(WarehouseLease.FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "");

        assertThatThrownBy(() -> WarehouseLease.acquire(warehouse.toString(), hadoop, FAST, run("run-1", "nightly")))
                .isInstanceOf(WarehouseLease.HeldException.class).hasMessageContaining("run unknown");

        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        try (WarehouseLease lease = WarehouseLease.acquire(warehouse.toString(), hadoop, FAST, run("run-2", "nightly"))) {
            assertThat(leaseFile(warehouse).get("run_id").asText()).isEqualTo("run-2");
        }
    }

    @Test
    void breakingRemovesAnyLeaseAndHolderReadsIt() throws IOException {
        Path warehouse = folder.resolve("warehouse");
        assertThat(WarehouseLease.holder(warehouse.toString(), hadoop)).isEmpty();
        assertThat(WarehouseLease.breakLease(warehouse.toString(), hadoop)).isFalse();
        Instant now = Instant.now();
        writeLease(warehouse, "stuck-token", "run-stuck", "elsewhere.example", 7L, now, now.plusSeconds(300));

        WarehouseLease.Holder holder = WarehouseLease.holder(warehouse.toString(), hadoop).orElseThrow();
        assertThat(holder.runId()).isEqualTo("run-stuck");
        assertThat(WarehouseLease.isLive(holder)).isTrue();
        assertThat(WarehouseLease.breakLease(warehouse.toString(), hadoop)).isTrue();
        assertThat(warehouse.resolve(WarehouseLease.FILE)).doesNotExist();
    }

    private static RunContext run(String runId, String command) {
        return new RunContext(runId, command, List.of(), Instant.now());
    }

    private static JsonNode leaseFile(Path warehouse) throws IOException {
        return JSON.readTree(warehouse.resolve(WarehouseLease.FILE).toFile());
    }

    /** The lease file, or null while the heartbeat is rewriting it. */
    private static JsonNode readWhenComplete(Path warehouse) {
        try {
            JsonNode node = JSON.readTree(Files.readString(warehouse.resolve(WarehouseLease.FILE)));
            return node != null && node.has("expires_at") ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void writeLease(Path warehouse, String token, String runId, String host, long pid, Instant renewedAt,
                                   Instant expiresAt) throws IOException {
        Path file = warehouse.resolve(WarehouseLease.FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writeValueAsString(new WarehouseLease.Holder(token, runId, "nightly", host, pid,
                renewedAt.toString(), renewedAt.toString(), expiresAt.toString())));
    }
}
