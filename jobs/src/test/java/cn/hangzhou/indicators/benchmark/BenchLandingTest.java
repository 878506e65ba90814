package cn.hangzhou.indicators.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.config.SchemaCatalog;
import cn.hangzhou.indicators.ingest.LandingFile;
import cn.hangzhou.indicators.testing.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchLandingTest {

    private static final SchemaCatalog SCHEMAS = ProjectFiles.schemas();

    @TempDir
    Path folder;

    @Test
    void theHeldBackFilesAreExactlyTheLastMonthOfEachMonthlyExtract() throws IOException {
        Path source = tinyLanding();

        List<LandingFile> heldBack = BenchLanding.lastMonth(BenchLanding.files(source, SCHEMAS), SCHEMAS);

        assertThat(heldBack).extracting(LandingFile::fileName).containsExactlyInAnyOrder(
                "payments_202412.csv.gz", "deaths_202412.csv", "child_checkups_202411.csv");
    }

    @Test
    void theBenchLandingLacksTheHeldBackMonthAndTheGeneratorFoldersUntilDelivered() throws IOException {
        Path source = tinyLanding();
        Path landing = folder.resolve("landing");
        List<LandingFile> heldBack = BenchLanding.lastMonth(BenchLanding.files(source, SCHEMAS), SCHEMAS);

        BenchLanding.prepare(source, landing, heldBack);

        assertThat(relativeFiles(landing)).containsExactlyInAnyOrder("assistance/payments/payments_202312.csv",
                "assistance/payments/payments_202411.csv", "health/deaths/deaths_202401.csv",
                "health/child_checkups/child_checkups_202410.csv", "health/residents/residents_2024.csv",
                "insurance/enrolments/enrolments_2024_330102.txt");

        BenchLanding.deliver(source, landing, heldBack);

        assertThat(relativeFiles(landing)).hasSize(9).contains("assistance/payments/payments_202412.csv.gz",
                "health/deaths/deaths_202412.csv", "health/child_checkups/child_checkups_202411.csv");
        assertThat(Files.readString(landing.resolve("health/deaths/deaths_202412.csv"))).isEqualTo("health/deaths/deaths_202412.csv");
    }

    @Test
    void aSourceReachedThroughASymbolicLinkGivesTheSameLanding() throws IOException {
        Path linked = Files.createSymbolicLink(folder.resolve("linked-source"), tinyLanding());
        Path landing = folder.resolve("landing");
        List<LandingFile> heldBack = BenchLanding.lastMonth(BenchLanding.files(linked, SCHEMAS), SCHEMAS);

        BenchLanding.prepare(linked, landing, heldBack);

        assertThat(relativeFiles(landing)).hasSize(6).doesNotContain("health/deaths/deaths_202412.csv");
    }

    @Test
    void aCachedLandingIsCompleteOnlyWithTheGeneratorFolderAndAMarkerOrTruthFile() throws IOException {
        Path source = BenchLanding.source(folder, 0.010, 2024, 2024);
        assertThat(source.getFileName().toString()).isEqualTo("scale-0.01-years-2024-2024");
        Files.createDirectories(source.resolve("_generator"));
        assertThat(BenchLanding.isComplete(source)).isFalse();
        BenchLanding.markComplete(source);
        assertThat(BenchLanding.isComplete(source)).isTrue();
        assertThat(BenchLanding.source(folder, 1, 2021, 2025).getFileName().toString()).isEqualTo("scale-1-years-2021-2025");
    }

    private Path tinyLanding() throws IOException {
        Path source = folder.resolve("source");
        for (String file : List.of("assistance/payments/payments_202312.csv", "assistance/payments/payments_202411.csv",
                "assistance/payments/payments_202412.csv.gz", "health/deaths/deaths_202401.csv", "health/deaths/deaths_202412.csv",
                "health/child_checkups/child_checkups_202410.csv", "health/child_checkups/child_checkups_202411.csv",
                "health/residents/residents_2024.csv", "insurance/enrolments/enrolments_2024_330102.txt",
                "_generator/defects.jsonl", "_redelivery/assistance/payments/payments_202412.csv")) {
            Path path = source.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, file);
        }
        return source;
    }

    private static List<String> relativeFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(path -> root.relativize(path).toString()).toList();
        }
    }
}
