package cn.hangzhou.indicators.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hangzhou.indicators.indicators.IndicatorCatalogue;
import cn.hangzhou.indicators.quality.QualityConfig;
import cn.hangzhou.indicators.testing.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** A key given twice in one mapping fails every kind of YAML file with the file, line and key, instead of one silently winning. */
class YamlLoaderTest {

    @TempDir
    Path folder;

    @Test
    void aDuplicatedKeyOfThePipelineConfigurationNamesFileLineAndKey() throws IOException {
        Path file = folder.resolve("pipeline.yaml");
        Files.writeString(file, "default_profile: local\nprofiles:\n  local:\n    landing: a\n    warehouse: b\n    landing: c\n");
        assertDuplicateReported(() -> PipelineConfig.load(file), file, "landing", 6);
    }

    /** At the top of the file, and inside a rule's flow mapping. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"extract: deaths|extract: residents|extract",
            "rules:|  - {name: twice, kind: required, severity: drop, severity: warn, columns: [sex], defect: d}|severity"})
    void aDuplicatedKeyOfQualityRulesNamesFileLineAndKey(String after, String inserted, String key) throws IOException {
        Path quality = copyFolder(ProjectFiles.home().resolve("conf/quality"), folder.resolve("quality"));
        Path deaths = quality.resolve("deaths.yaml");
        int line = insertAfter(deaths, after, inserted);
        assertDuplicateReported(() -> QualityConfig.load(quality, ProjectFiles.schemas()), deaths, key, line);
    }

    @Test
    void aDuplicatedKeyOfTheIndicatorCatalogueNamesFileLineAndKey() throws IOException {
        Path catalogue = folder.resolve("indicators.yaml");
        Files.copy(ProjectFiles.home().resolve("conf/indicators.yaml"), catalogue);
        // T2-02's factor 1000 would silently become 100: the published value off by ten
        int line = insertAfter(catalogue, "    factor: 1000", "    factor: 100");
        assertDuplicateReported(() -> IndicatorCatalogue.load(catalogue, ProjectFiles.home().resolve("conf/reference/seed_indicators.csv")),
                catalogue, "factor", line);
    }

    @Test
    void aDuplicatedKeyOfASchemaNamesFileLineAndKey() throws IOException {
        Path schemas = copyFolder(ProjectFiles.home().resolve("schemas"), folder.resolve("schemas"));
        Path deaths = schemas.resolve("health/deaths.yaml");
        int line = insertAfter(deaths, "delimiter: \",\"", "delimiter: \"|\"");
        assertDuplicateReported(() -> SchemaCatalog.load(schemas), deaths, "delimiter", line);
    }

    @Test
    void theCopiesLoadWithoutTheDuplicate() throws IOException {
        // the failures above come from the inserted line, not from copying
        Path schemas = copyFolder(ProjectFiles.home().resolve("schemas"), folder.resolve("schemas"));
        assertThat(SchemaCatalog.load(schemas).schemas()).hasSize(11);
        Path quality = copyFolder(ProjectFiles.home().resolve("conf/quality"), folder.resolve("quality"));
        assertThat(QualityConfig.load(quality, ProjectFiles.schemas()).ruleSets()).hasSize(11);
    }

    @Test
    void brokenSyntaxNamesTheLine() throws IOException {
        Path file = folder.resolve("pipeline.yaml");
        Files.writeString(file, "default_profile: local\nprofiles:\n  local:\n    landing: \"a\n");
        assertThatThrownBy(() -> PipelineConfig.load(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not valid YAML");
    }

    private static void assertDuplicateReported(ThrowingCallable load, Path file, String key, int line) {
        assertThatThrownBy(load)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("key '" + key + "' is given twice")
                .hasMessageContaining("(line " + line + ")")
                .hasMessageContaining("fix: keep one '" + key + "'");
    }

    /** Inserts {@code line} after the first line equal to {@code after}; returns its 1-based line number. */
    private static int insertAfter(Path file, String after, String line) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        int index = lines.indexOf(after);
        assertThat(index).as("a line '%s' in %s", after, file).isNotNegative();
        lines.add(index + 1, line);
        Files.write(file, lines);
        return index + 2;
    }

    private static Path copyFolder(Path source, Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path path : walk.toList()) {
                Path copy = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy);
                }
            }
        }
        return target;
    }
}
