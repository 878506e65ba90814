package cn.hangzhou.indicators.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.testing.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LandingDiscoveryTest {

    @TempDir
    Path landing;

    private void touch(String relative) throws IOException {
        Path file = landing.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "x");
    }

    @Test
    void filesAreMatchedByFolderAndNamePatternWithPeriodDistrictAndSourceName() throws IOException {
        touch("health/deaths/deaths_202401.csv");
        touch("insurance/enrolments/2024/enrolments_2024_330102.txt.gz");
        touch("health/deaths/deaths_202413.csv");
        touch("health/deaths/residents_2024.csv");
        touch("finance/budget/budget_2024.csv");
        touch("readme.txt");
        touch("_generator/defects.jsonl");
        touch("health/.staging/deaths_202402.csv");

        LandingDiscovery.Result result = new LandingDiscovery(ProjectFiles.schemas()).walk(landing.toString(), new Configuration());

        assertThat(result.files()).extracting(LandingFile::extract, LandingFile::period, LandingFile::district, LandingFile::sourceName)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("deaths", "202401", null, "deaths_202401.csv"),
                        org.assertj.core.groups.Tuple.tuple("enrolments", "2024", "330102", "enrolments_2024_330102.txt"));
        assertThat(result.files().get(0).path()).startsWith("file:").endsWith("/health/deaths/deaths_202401.csv");
        assertThat(result.unknown()).extracting(LandingDiscovery.UnknownFile::path)
                .allMatch(path -> !path.contains("_generator") && !path.contains(".staging"))
                .anyMatch(path -> path.endsWith("deaths_202413.csv"))
                .anyMatch(path -> path.endsWith("health/deaths/residents_2024.csv"))
                .anyMatch(path -> path.endsWith("budget_2024.csv"))
                .anyMatch(path -> path.endsWith("readme.txt"))
                .hasSize(4);
    }
}
