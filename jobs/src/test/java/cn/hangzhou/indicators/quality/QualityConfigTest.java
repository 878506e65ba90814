package cn.hangzhou.indicators.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hangzhou.indicators.config.ConfigurationException;
import cn.hangzhou.indicators.testing.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityConfigTest {

    @TempDir
    Path folder;

    @Test
    void theShippedRulesLoadForAllElevenExtracts() {
        QualityConfig config = QualityConfig.load(QualityConfig.folder(ProjectFiles.home()), ProjectFiles.schemas());
        assertThat(config.ruleSets()).hasSize(11);
        assertThat(config.forExtract("deaths").rules()).extracting(QualityRule::name)
                .contains("id_number_invalid", "value_unparseable", "death_before_birth", "district_unknown", "size_anomaly");
        QualityRule sizeAnomaly = config.forExtract("payments").rules().stream()
                .filter(rule -> rule.kind() == RuleKind.SIZE_ANOMALY).findFirst().orElseThrow();
        assertThat(sizeAnomaly.severity()).isEqualTo(Severity.WARN);
        assertThat(config.forExtract("payments").rejection()).isEqualTo(RejectionThreshold.DEFAULT);
    }

    @Test
    void anUnknownKeyIsNamedWithTheAllowedOnes() throws IOException {
        Path conf = copyShippedWith("deaths", "  - {name: extra, kind: required, severity: warn, colums: [sex]}\n");
        assertThatThrownBy(() -> QualityConfig.load(conf, ProjectFiles.schemas()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown key 'colums'")
                .hasMessageContaining("columns");
    }

    @Test
    void aBadSeverityIsRejectedWithTheAllowedOnes() throws IOException {
        Path conf = copyShippedWith("deaths", "  - {name: extra, kind: required, severity: fatal}\n");
        assertThatThrownBy(() -> QualityConfig.load(conf, ProjectFiles.schemas()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("severity 'fatal' is not one of warn, drop, error");
    }

    @Test
    void aSeverityTheKindCannotHaveIsRejected() throws IOException {
        Path conf = copyShippedWith("deaths", "  - {name: extra, kind: code, severity: error}\n");
        assertThatThrownBy(() -> QualityConfig.load(conf, ProjectFiles.schemas()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("rule extra of kind code has severity error")
                .hasMessageContaining("row rules take warn or drop");
    }

    @Test
    void anUnknownColumnAndABadFilterAreRejected() throws IOException {
        Path unknownColumn = copyShippedWith("deaths", "  - {name: extra, kind: required, severity: warn, columns: [gender]}\n");
        assertThatThrownBy(() -> QualityConfig.load(unknownColumn, ProjectFiles.schemas()))
                .hasMessageContaining("names column 'gender'");
        Path badFilter = copyShippedWith("deaths", "  - {name: extra, kind: required, severity: warn, filter: \"sex = = 1\"}\n");
        assertThatThrownBy(() -> QualityConfig.load(badFilter, ProjectFiles.schemas()))
                .hasMessageContaining("filter is not a SQL expression");
    }

    @Test
    void aKeyTheKindDoesNotUseIsRejected() throws IOException {
        Path conf = copyShippedWith("deaths", "  - {name: extra, kind: code, severity: drop, minimum: 3}\n");
        assertThatThrownBy(() -> QualityConfig.load(conf, ProjectFiles.schemas()))
                .hasMessageContaining("has keys it does not use: [minimum]");
    }

    private Path copyShippedWith(String extract, String extraRule) throws IOException {
        Path shipped = QualityConfig.folder(ProjectFiles.home());
        Path copy = Files.createTempDirectory(folder, "quality");
        try (Stream<Path> files = Files.list(shipped)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        Path file = copy.resolve(extract + ".yaml");
        Files.writeString(file, Files.readString(file) + extraRule);
        return copy;
    }
}
