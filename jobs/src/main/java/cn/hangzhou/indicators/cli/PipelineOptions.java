package cn.hangzhou.indicators.cli;

import cn.hangzhou.indicators.config.ProjectHome;
import cn.hangzhou.indicators.config.RunSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every subcommand accepts after its name: configuration file, profile, landing and warehouse. */
public class PipelineOptions {

    @Option(names = "--conf", paramLabel = "FILE", description = "pipeline configuration (default: conf/pipeline.yaml of the project)")
    Path configFile;

    @Option(names = "--profile", paramLabel = "NAME", description = "profile of the configuration (default: its default_profile, local)")
    String profile;

    @Option(names = "--landing", paramLabel = "DIR|URI", description = "landing zone, overrides the profile's")
    String landing;

    @Option(names = "--warehouse", paramLabel = "DIR|URI", description = "warehouse root, overrides the profile's")
    String warehouse;

    public RunSettings resolve() {
        Path home = ProjectHome.locate();
        return RunSettings.resolve(home, configFile(home), profile, landing, warehouse);
    }

    /** The configuration file in force: {@code --conf}, else the project's {@code conf/pipeline.yaml}. */
    public Path configFile(Path home) {
        return configFile != null ? configFile.toAbsolutePath() : home.resolve("conf").resolve("pipeline.yaml");
    }
}
