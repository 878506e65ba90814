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

    /** {@code ../shared} beside the repository, where the contract and the definitions are. */
    public static Path shared() {
        Path shared = home().resolveSibling("shared");
        if (!Files.isDirectory(shared)) {
            throw new IllegalStateException("the shared folder is not beside the repository at " + shared);
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
