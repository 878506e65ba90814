package cn.hangzhou.indicators.testing;

import cn.hangzhou.indicators.config.ProjectHome;
import cn.hangzhou.indicators.config.ReferenceData;
import cn.hangzhou.indicators.config.SchemaCatalog;
import java.nio.file.Files;
import java.nio.file.Path;

/** The project folder and the read-only {@code shared/} folder beside it, for tests. */
public final class ProjectFiles {

    private ProjectFiles() {
    }

    public static Path home() {
        Path candidate = Path.of("").toAbsolutePath();
        while (candidate != null) {
            if (Files.isDirectory(candidate.resolve("schemas")) && Files.isDirectory(candidate.resolve("conf"))) {
                return candidate;
            }
            candidate = candidate.getParent();
        }
        throw new IllegalStateException("no project folder above " + Path.of("").toAbsolutePath());
    }

    /**
     * {@code ../shared} beside the repository, where the contract and the definitions are, or the folder the
     * environment variable {@code INDICATORS_SHARED} names (for a clone made elsewhere; {@code .ci/run} sets it).
     */
    public static Path shared() {
        String configured = System.getenv("INDICATORS_SHARED");
        Path shared = configured != null && !configured.isBlank() ? Path.of(configured) : home().resolveSibling("shared");
        if (!Files.isDirectory(shared)) {
            throw new IllegalStateException("the shared folder is not at " + shared
                    + ": put shared/ beside the repository or set INDICATORS_SHARED to it");
        }
        return shared;
    }

    public static SchemaCatalog schemas() {
        return SchemaCatalog.load(ProjectHome.schemas(home()));
    }

    public static ReferenceData reference() {
        return ReferenceData.load(ProjectHome.reference(home()));
    }
}
