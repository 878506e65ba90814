package cn.hangzhou.indicators.config;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the project folder holding {@code conf/} and {@code schemas/}: INDICATORS_HOME, else the working directory or a parent. */
public final class ProjectHome {

    private ProjectHome() {
    }

    public static Path locate() {
        String configured = System.getProperty("indicators.home", System.getenv("INDICATORS_HOME"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path candidate = Path.of("").toAbsolutePath();
        while (candidate != null) {
            if (Files.isDirectory(candidate.resolve("schemas")) && Files.isDirectory(candidate.resolve("conf"))) {
                return candidate;
            }
            candidate = candidate.getParent();
        }
        throw new ConfigurationException("cannot find the project folder (with conf/ and schemas/)",
                "run bin/indicators, or set INDICATORS_HOME to the project folder");
    }

    public static Path schemas(Path home) {
        return home.resolve("schemas");
    }

    public static Path reference(Path home) {
        return home.resolve("conf").resolve("reference");
    }
}
