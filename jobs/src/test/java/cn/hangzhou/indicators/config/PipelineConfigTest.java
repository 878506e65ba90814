package cn.hangzhou.indicators.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hangzhou.indicators.testing.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineConfigTest {

    @TempDir
    Path folder;

    @Test
    void theShippedConfigurationLoadsWithLocalAsDefault() {
        RunSettings settings = RunSettings.resolve(ProjectFiles.home(), ProjectFiles.home().resolve("conf/pipeline.yaml"),
                null, null, null);
        assertThat(settings.profileName()).isEqualTo("local");
        assertThat(settings.profile().sparkMaster()).isEqualTo("local[*]");
        assertThat(settings.landing()).endsWith("data/landing");
        assertThat(Path.of(settings.warehouse())).isAbsolute();
        assertThat(settings.schemas().schemas()).hasSize(11);
    }

    @Test
    void commandLineOverridesWinAndUrisAreKept() {
        RunSettings settings = RunSettings.resolve(ProjectFiles.home(), ProjectFiles.home().resolve("conf/pipeline.yaml"),
                "cluster", "s3a://bucket/landing", "relative/warehouse");
        assertThat(settings.landing()).isEqualTo("s3a://bucket/landing");
        assertThat(settings.warehouse()).isEqualTo(Path.of("relative/warehouse").toAbsolutePath().toString());
    }

    @Test
    void anUnknownKeyNamesTheKeyAndTheAllowedOnes() throws IOException {
        Path file = write("profiles:\n  local:\n    landing: a\n    warehouse: b\n    warehose: c\n");
        assertThatThrownBy(() -> PipelineConfig.load(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown key 'warehose'")
                .hasMessageContaining("warehouse");
    }

    @Test
    void aBadValueSaysWhatIsWrongAndHowToFixIt() throws IOException {
        Path file = write("profiles:\n  local:\n    spark_master: 'locl[*]'\n    landing: a\n    warehouse: b\n");
        assertThatThrownBy(() -> PipelineConfig.load(file))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("locl[*]")
                .hasMessageContaining("fix:");
    }

    @Test
    void anUnknownProfileListsTheKnownOnes() {
        PipelineConfig config = PipelineConfig.load(ProjectFiles.home().resolve("conf/pipeline.yaml"));
        assertThatThrownBy(() -> config.profile("prod"))
                .hasMessageContaining("unknown profile 'prod'")
                .hasMessageContaining("cluster, local");
    }

    @Test
    void aSchemaWithABadColumnTypeIsRejected() throws IOException {
        Path schemas = folder.resolve("schemas");
        Files.createDirectories(schemas.resolve("health"));
        Files.writeString(schemas.resolve("health/residents.yaml"), """
                department: health
                extract: residents
                file_pattern: residents_{yyyy}.csv
                period_kind: year
                format: delimited
                encoding: UTF-8
                delimiter: ","
                columns:
                  - {header: 性别, name: sex, type: sexy}
                """);
        assertThatThrownBy(() -> SchemaCatalog.load(schemas))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown column type 'sexy'");
    }

    @Test
    void theS3ProfileTakesItsStoreFromTheEnvironment() {
        PipelineConfig config = PipelineConfig.load(ProjectFiles.home().resolve("conf/pipeline.yaml"));
        java.util.Map<String, String> environment = java.util.Map.of("INDICATORS_S3_ENDPOINT", "http://127.0.0.1:9000",
                "INDICATORS_S3_ROOT", "s3a://statistics/indicators");
        Profile s3 = config.profile("s3", environment::get);
        assertThat(s3.sparkConf()).containsEntry("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9000")
                .containsEntry("spark.hadoop.fs.s3a.endpoint.region", "us-east-1")
                .containsEntry("spark.hadoop.fs.s3a.path.style.access", "true")
                .containsEntry("spark.delta.logStore.s3a.impl", "io.delta.storage.S3SingleDriverLogStore");
        assertThat(s3.landing()).isEqualTo("s3a://statistics/indicators/landing");
        assertThat(s3.warehouse()).isEqualTo("s3a://statistics/indicators/warehouse");
        assertThat(config.profile("s3", java.util.Map.of("INDICATORS_S3_ENDPOINT", "https://s3.example")::get).warehouse())
                .isEqualTo("s3a://hangzhou-indicators/warehouse");
        // an unset variable without a default fails for its own profile only
        assertThatThrownBy(() -> config.profile("s3", name -> null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("profile 's3'")
                .hasMessageContaining("INDICATORS_S3_ENDPOINT, which is not set")
                .hasMessageContaining("fix: export INDICATORS_S3_ENDPOINT=");
        assertThat(config.profile("local", name -> null).warehouse()).isEqualTo("data/warehouse");
    }

    @Test
    void fileNamePatternsMatchDeliveredNamesWithOptionalGzip() {
        ExtractSchema enrolments = ProjectFiles.schemas().get("insurance/enrolments");
        var matcher = enrolments.fileNamePattern().matcher("enrolments_2024_330102.txt.gz");
        assertThat(matcher.matches()).isTrue();
        assertThat(matcher.group("period")).isEqualTo("2024");
        assertThat(matcher.group("district")).isEqualTo("330102");
        assertThat(matcher.group("gzip")).isEqualTo(".gz");
        ExtractSchema payments = ProjectFiles.schemas().get("assistance/payments");
        assertThat(payments.fileNamePattern().matcher("payments_202413.csv").matches()).isFalse();
        assertThat(payments.fileName("202403", null)).isEqualTo("payments_202403.csv");
    }

    private Path write(String yaml) throws IOException {
        Path file = folder.resolve("pipeline.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
