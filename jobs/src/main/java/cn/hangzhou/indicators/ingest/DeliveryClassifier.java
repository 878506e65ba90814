package cn.hangzhou.indicators.ingest;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Produces, for one run, the manifest row of every newly seen file (ingested, duplicate, superseded or
 * rejected) and the earlier manifest rows the run's corrections supersede. Plain Java; the rules:
 * <ul>
 *   <li>same file name and bytes as a delivery already in the manifest, or earlier in the run: duplicate;</li>
 *   <li>a file that cannot be read: rejected (it replaces nothing);</li>
 *   <li>otherwise ingested; of several new deliveries of one source name, the last modified (then the last
 *       path) wins and the others are superseded by it; the winner supersedes the source name's ingested row.</li>
 * </ul>
 */
public final class DeliveryClassifier {

    /**
     * @param entries        new manifest rows, in the order the files were taken
     * @param supersessions  earlier manifest rows now superseded: each the old row with status and superseded_by set
     */
    public record Decision(List<ManifestEntry> entries, List<ManifestEntry> supersessions) {

        public List<ManifestEntry> ingested() {
            return entries.stream().filter(entry -> entry.status().equals(ManifestEntry.INGESTED)).toList();
        }
    }

    private DeliveryClassifier() {
    }

    public static Decision classify(List<ManifestEntry> manifest, List<ParsedDelivery> parsed, String batchId,
                                    Timestamp seenAt) {
        Map<String, ManifestEntry> knownById = new HashMap<>();
        Map<String, ManifestEntry> ingestedBySource = new HashMap<>();
        for (ManifestEntry entry : manifest) {
            knownById.putIfAbsent(entry.fileId(), entry);
            if (entry.status().equals(ManifestEntry.INGESTED)) {
                ingestedBySource.put(key(entry.extract(), entry.sourceName()), entry);
            }
        }
        List<ParsedDelivery> ordered = new ArrayList<>(parsed);
        ordered.sort(Comparator.comparingLong((ParsedDelivery delivery) -> delivery.file().modifiedAt())
                .thenComparing(delivery -> delivery.file().path()));
        Map<String, ManifestEntry> taken = new LinkedHashMap<>();
        Map<String, ManifestEntry> winnerBySource = new LinkedHashMap<>();
        List<ManifestEntry> entries = new ArrayList<>();
        for (ParsedDelivery delivery : ordered) {
            ManifestEntry original = knownById.getOrDefault(delivery.fileId(), taken.get(delivery.fileId()));
            ManifestEntry entry;
            if (original != null) {
                entry = entry(delivery, ManifestEntry.DUPLICATE, "same name and bytes as " + original.path()
                        + " (batch " + original.batchId() + ")", batchId, seenAt);
            } else if (delivery.rejection() != null) {
                entry = entry(delivery, ManifestEntry.REJECTED, delivery.rejection(), batchId, seenAt);
                taken.put(delivery.fileId(), entry);
            } else {
                entry = entry(delivery, ManifestEntry.INGESTED, null, batchId, seenAt);
                taken.put(delivery.fileId(), entry);
                winnerBySource.put(key(entry.extract(), entry.sourceName()), entry);
            }
            entries.add(entry);
        }
        List<ManifestEntry> decided = new ArrayList<>();
        for (ManifestEntry entry : entries) {
            ManifestEntry winner = winnerBySource.get(key(entry.extract(), entry.sourceName()));
            boolean overtaken = entry.status().equals(ManifestEntry.INGESTED) && winner != entry;
            decided.add(overtaken ? entry.withStatus(ManifestEntry.SUPERSEDED, winner.fileId()) : entry);
        }
        List<ManifestEntry> supersessions = new ArrayList<>();
        winnerBySource.forEach((source, winner) -> {
            ManifestEntry previous = ingestedBySource.get(source);
            if (previous != null) {
                supersessions.add(previous.withStatus(ManifestEntry.SUPERSEDED, winner.fileId()));
            }
        });
        return new Decision(decided, supersessions);
    }

    private static String key(String extract, String sourceName) {
        return extract + "/" + sourceName;
    }

    private static ManifestEntry entry(ParsedDelivery delivery, String status, String errorMessage, String batchId,
                                       Timestamp seenAt) {
        LandingFile file = delivery.file();
        return new ManifestEntry(delivery.fileId(), file.path(), file.fileName(), file.sourceName(), file.department(),
                file.extract(), file.period(), file.district(), file.sizeBytes(), delivery.sha256(),
                new Timestamp(file.modifiedAt()), seenAt, batchId, status, delivery.rowsRead(), null, null, null,
                errorMessage, delivery.extraColumns(), null, null, null, delivery.warnings());
    }
}
