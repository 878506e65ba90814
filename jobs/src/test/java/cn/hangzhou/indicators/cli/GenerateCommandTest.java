package cn.hangzhou.indicators.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.testing.ProjectFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The generate and demo subcommands: option checks, exit codes and the summary. */
class GenerateCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... arguments) {
        System.setProperty("indicators.home", ProjectFiles.home().toString());
        CommandLine commandLine = IndicatorsCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(arguments);
    }

    @Test
    void rejectsBadOptionsWithUsageExitCode(@TempDir Path folder) {
        String target = folder.resolve("out").toString();
        assertThat(run("generate", "--out", target, "--years", "2021-20x5")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--years");
        assertThat(run("generate", "--out", target, "--years", "2025-2021")).isEqualTo(ExitCodes.USAGE);
        assertThat(run("generate", "--out", target, "--scale", "0")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("scale");
        assertThat(run("generate", "--out", target, "--defects", "0.6")).isEqualTo(ExitCodes.USAGE);
        assertThat(run("generate", "--scale", "0.001")).isEqualTo(ExitCodes.USAGE);
        assertThat(folder.resolve("out")).doesNotExist();
    }

    @Test
    void generatesASingleYearAndPrintsASummary(@TempDir Path folder) {
        Path target = folder.resolve("landing");
        int code = run("generate", "--out", target.toString(), "--scale", "0.0003", "--years", "2023", "--defects", "0",
                "--landing", folder.resolve("ignored").toString());
        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("files", "records", "defects.jsonl");
        assertThat(target.resolve("reference/population/population_2023.csv")).exists();
        assertThat(target.resolve("reference/population/population_2022.csv")).doesNotExist();
        assertThat(target.resolve("_generator/run.json")).exists();
        // an earlier generator output may be replaced
        assertThat(run("generate", "--out", target.toString(), "--scale", "0.0003", "--years", "2023")).isEqualTo(ExitCodes.OK);
    }

    @Test
    void refusesAFolderTheGeneratorDidNotWrite(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("precious.csv"), "keep me");
        assertThat(run("generate", "--out", folder.toString(), "--scale", "0.0003")).isEqualTo(ExitCodes.USAGE);
        assertThat(run("demo", "--landing", folder.toString(), "--warehouse", folder.resolve("w").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("not");
        assertThat(folder.resolve("precious.csv")).hasContent("keep me");
    }
}
