package cn.hangzhou.indicators.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryClassifierTest {

    private static final Timestamp NOW = Timestamp.valueOf("2026-01-01 00:00:00");

    private static ParsedDelivery delivery(String path, String fileName, String sha256, long modifiedAt, String rejection) {
        String sourceName = fileName.replaceAll("\\.gz$", "");
        LandingFile file = new LandingFile(path, fileName, sourceName, "health", "deaths", "202401", null, 10, modifiedAt);
        return new ParsedDelivery(file, DeliveryReader.fileId(fileName, sha256), sha256, rejection == null ? 1L : null,
                rejection == null ? 0L : null, rejection, List.of(), null, List.of());
    }

    @Test
    void theSameNameAndBytesAgainIsADuplicateAndOtherBytesSupersedeTheIngestedDelivery() {
        DeliveryClassifier.Decision first = DeliveryClassifier.classify(List.of(),
                List.of(delivery("/l/health/deaths/deaths_202401.csv", "deaths_202401.csv", "aa", 1, null)), "b1", NOW);
        assertThat(first.entries()).extracting(ManifestEntry::status).containsExactly("ingested");

        DeliveryClassifier.Decision second = DeliveryClassifier.classify(first.entries(), List.of(
                delivery("/l/health/deaths/late/deaths_202401.csv", "deaths_202401.csv", "aa", 2, null),
                delivery("/l/health/deaths/deaths_202401.csv.gz", "deaths_202401.csv.gz", "bb", 3, null)), "b2", NOW);
        assertThat(second.entries()).extracting(ManifestEntry::status).containsExactly("duplicate", "ingested");
        assertThat(second.supersessions()).singleElement().satisfies(old -> {
            assertThat(old.path()).isEqualTo("/l/health/deaths/deaths_202401.csv");
            assertThat(old.status()).isEqualTo("superseded");
            assertThat(old.supersededBy()).isEqualTo(second.entries().get(1).fileId());
        });
    }

    @Test
    void ofTwoNewDeliveriesOfOneSourceNameTheLaterWinsAndARejectedOneReplacesNothing() {
        DeliveryClassifier.Decision decision = DeliveryClassifier.classify(List.of(), List.of(
                delivery("/l/b/deaths_202401.csv", "deaths_202401.csv", "new", 5, null),
                delivery("/l/a/deaths_202401.csv", "deaths_202401.csv", "old", 4, null),
                delivery("/l/c/deaths_202401.csv", "deaths_202401.csv", "bad", 6, "empty file (0 bytes)")), "b1", NOW);
        assertThat(decision.entries()).extracting(ManifestEntry::path, ManifestEntry::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/l/a/deaths_202401.csv", "superseded"),
                org.assertj.core.groups.Tuple.tuple("/l/b/deaths_202401.csv", "ingested"),
                org.assertj.core.groups.Tuple.tuple("/l/c/deaths_202401.csv", "rejected"));
        assertThat(decision.entries().get(0).supersededBy()).isEqualTo(decision.entries().get(1).fileId());
        assertThat(decision.supersessions()).isEmpty();
    }

    @Test
    void identicalBytesUnderTwoNamesAreTwoDeliveries() {
        DeliveryClassifier.Decision decision = DeliveryClassifier.classify(List.of(), List.of(
                delivery("/l/deaths_202401.csv", "deaths_202401.csv", "header-only", 1, null),
                delivery("/l/deaths_202402.csv", "deaths_202402.csv", "header-only", 1, null)), "b1", NOW);
        assertThat(decision.entries()).extracting(ManifestEntry::status).containsExactly("ingested", "ingested");
        assertThat(decision.entries().get(0).fileId()).isNotEqualTo(decision.entries().get(1).fileId());
        assertThat(decision.entries()).extracting(ManifestEntry::sha256).containsOnly("header-only");
    }
}
