package cn.hangzhou.indicators.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.config.LeaseSettings;
import cn.hangzhou.indicators.ops.RunContext;
import cn.hangzhou.indicators.ops.WarehouseLease;
import cn.hangzhou.indicators.testing.ProjectFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bin/indicators lease}: names the holder, breaks a dead run's lease, keeps a live one unless forced. */
class LeaseCommandTest {

    @TempDir
    Path folder;

    @Test
    void showsTheHolderAndBreaksOnlyADeadOneUnlessForced() throws IOException {
        Path warehouse = folder.resolve("warehouse");
        assertThat(lease(warehouse).out()).contains("no run holds the lease");

        RunContext run = new RunContext("20261201T020000Z-abcdef", "nightly", List.of(), Instant.now());
        WarehouseLease held = WarehouseLease.acquire(warehouse.toString(), new Configuration(), new LeaseSettings(60.0, 10.0, 0.0), run);
        try {
            Result shown = lease(warehouse);
            assertThat(shown.exitCode()).isEqualTo(ExitCodes.OK);
            assertThat(shown.out()).contains("held by run 20261201T020000Z-abcdef (nightly)");

            Result kept = lease(warehouse, "--break");
            assertThat(kept.exitCode()).isEqualTo(ExitCodes.LEASE_HELD);
            assertThat(kept.out()).contains("left in place", "--force");
            assertThat(warehouse.resolve(WarehouseLease.FILE)).exists();

            Result forced = lease(warehouse, "--break", "--force");
            assertThat(forced.exitCode()).isEqualTo(ExitCodes.OK);
            assertThat(warehouse.resolve(WarehouseLease.FILE)).doesNotExist();
        } finally {
            held.close();
        }

        Instant longAgo = Instant.now().minusSeconds(7200);
        Files.createDirectories(warehouse.resolve("ops"));
        new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).writeValue(
                warehouse.resolve(WarehouseLease.FILE).toFile(), new WarehouseLease.Holder("t", "run-dead", "ingest",
                        "elsewhere.example", 12L, longAgo.toString(), longAgo.toString(), longAgo.plusSeconds(300).toString()));
        Result broken = lease(warehouse, "--break");
        assertThat(broken.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(broken.out()).contains("left by a dead run: run run-dead", "removed the lease");
        assertThat(warehouse.resolve(WarehouseLease.FILE)).doesNotExist();
    }

    private record Result(int exitCode, String out) {
    }

    private static Result lease(Path warehouse, String... options) {
        StringWriter out = new StringWriter();
        CommandLine commandLine = IndicatorsCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        String[] arguments = new String[options.length + 5];
        arguments[0] = "lease";
        arguments[1] = "--conf";
        arguments[2] = ProjectFiles.home().resolve("conf/pipeline.yaml").toString();
        arguments[3] = "--warehouse";
        arguments[4] = warehouse.toString();
        System.arraycopy(options, 0, arguments, 5, options.length);
        return new Result(commandLine.execute(arguments), out.toString());
    }
}
