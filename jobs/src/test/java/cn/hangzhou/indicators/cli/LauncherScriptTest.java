package cn.hangzhou.indicators.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.testing.ProjectFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/indicators} without a terminal (as under cron): a missing or stale distribution is refused with exit code 7
 * and the build command, and nothing is built. Runs the real script on a copy of the project's layout.
 */
class LauncherScriptTest {

    @TempDir
    Path home;

    @Test
    void aMissingDistributionIsRefusedWithoutBuilding() throws Exception {
        copyLauncher();
        Files.createDirectories(home.resolve("jobs/src/main/java"));

        Run run = launch(Map.of(), "nightly");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.DISTRIBUTION_STALE);
        assertThat(run.output()).contains("not started: there is no distribution", "bin/indicators build", "no terminal");
        assertThat(home.resolve("jobs/target")).doesNotExist();
    }

    @Test
    void aDistributionOlderThanTheSourcesIsRefusedAndNamesTheChangedFile() throws Exception {
        copyLauncher();
        Path jar = home.resolve("jobs/target/dist/indicators-jobs.jar");
        Files.createDirectories(home.resolve("jobs/target/dist/lib"));
        Files.createDirectories(home.resolve("jobs/target/dist/bench-lib"));
        Files.writeString(jar, "not a jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(3600)));
        Path source = home.resolve("jobs/src/main/java/Changed.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class Changed {}");

        Run run = launch(Map.of(), "nightly");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.DISTRIBUTION_STALE);
        assertThat(run.output()).contains("older than the sources", "jobs/src/main/java/Changed.java changed", "bin/indicators build",
                "INDICATORS_SKIP_BUILD=1");
    }

    @Test
    void skippingTheBuildStillNeedsADistribution() throws Exception {
        copyLauncher();

        Run run = launch(Map.of("INDICATORS_SKIP_BUILD", "1"), "nightly");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.DISTRIBUTION_STALE);
        assertThat(run.output()).contains("there is no distribution", "bin/indicators build");
    }

    private record Run(int exitCode, String output) {
    }

    private void copyLauncher() throws IOException {
        Path launcher = home.resolve("bin/indicators");
        Files.createDirectories(launcher.getParent());
        Files.copy(ProjectFiles.home().resolve("bin/indicators"), launcher);
        launcher.toFile().setExecutable(true);
    }

    /** Runs the copied launcher with stdin from /dev/null: no terminal, as under a scheduler. */
    private Run launch(Map<String, String> environment, String... arguments) throws Exception {
        ProcessBuilder builder = new ProcessBuilder();
        builder.command(new java.util.ArrayList<>(List.of("bash", home.resolve("bin/indicators").toString())));
        builder.command().addAll(List.of(arguments));
        builder.environment().remove("INDICATORS_SKIP_BUILD");
        builder.environment().remove("INDICATORS_BUILD");
        builder.environment().putAll(environment);
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), output);
    }
}
