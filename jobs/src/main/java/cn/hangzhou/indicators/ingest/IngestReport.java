package cn.hangzhou.indicators.ingest;

import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one ingest run, printed as its summary: files by status, rejections with reasons, unknown
 * files, rows read, accepted and quarantined. Names files and rules, never row contents.
 *
 * @param alreadyKnown   landing files unchanged since an earlier run (not read again)
 * @param entries        the run's new manifest rows
 * @param supersessions  earlier deliveries the run's corrections replaced
 */
public record IngestReport(String batchId, int filesFound, int alreadyKnown, List<ManifestEntry> entries,
                           List<ManifestEntry> supersessions, List<LandingDiscovery.UnknownFile> unknown) {

    public List<ManifestEntry> withStatus(String status) {
        return entries.stream().filter(entry -> entry.status().equals(status)).toList();
    }

    public boolean hasRejections() {
        return !withStatus(ManifestEntry.REJECTED).isEmpty();
    }

    public long rowsRead() {
        return sum(withStatus(ManifestEntry.INGESTED).stream().map(ManifestEntry::rowsRead).toList());
    }

    public long rowsAccepted() {
        return sum(withStatus(ManifestEntry.INGESTED).stream().map(ManifestEntry::rowsAccepted).toList());
    }

    public long rowsQuarantined() {
        return sum(withStatus(ManifestEntry.INGESTED).stream().map(ManifestEntry::rowsQuarantined).toList());
    }

    private static long sum(List<Long> values) {
        return values.stream().filter(Objects::nonNull).mapToLong(Long::longValue).sum();
    }

    public void print(PrintWriter out) {
        out.printf("ingest %s%n", batchId);
        out.printf("  files found:        %d (%d unchanged since an earlier run)%n", filesFound, alreadyKnown);
        out.printf("  ingested:           %d%n", withStatus(ManifestEntry.INGESTED).size());
        out.printf("  duplicate:          %d%n", withStatus(ManifestEntry.DUPLICATE).size());
        out.printf("  superseded:         %d (earlier deliveries replaced by a correction) + %d (overtaken in this run)%n",
                supersessions.size(), withStatus(ManifestEntry.SUPERSEDED).size());
        out.printf("  rejected:           %d%n", withStatus(ManifestEntry.REJECTED).size());
        out.printf("  unknown:            %d%n", unknown.size());
        out.printf("  rows read:          %d (accepted %d, quarantined %d)%n", rowsRead(), rowsAccepted(), rowsQuarantined());
        for (ManifestEntry entry : withStatus(ManifestEntry.REJECTED)) {
            out.printf("  rejected   %s: %s%n", entry.path(), entry.errorMessage());
        }
        for (ManifestEntry entry : withStatus(ManifestEntry.DUPLICATE)) {
            out.printf("  duplicate  %s: %s%n", entry.path(), entry.errorMessage());
        }
        for (ManifestEntry entry : supersessions) {
            out.printf("  superseded %s (file_id %s) by file_id %s%n", entry.path(), entry.fileId(), entry.supersededBy());
        }
        for (ManifestEntry entry : entries) {
            for (String warning : entry.ingestWarnings()) {
                out.printf("  warning    %s: %s%n", entry.path(), warning);
            }
            if (!entry.extraColumns().isEmpty()) {
                out.printf("  extra columns in %s (kept in _extra_columns): %s%n", entry.path(), String.join(", ", entry.extraColumns()));
            }
            if (entry.rowsQuarantined() != null && entry.rowsQuarantined() > 0) {
                out.printf("  quarantined %d of %d rows of %s%n", entry.rowsQuarantined(), entry.rowsRead(), entry.path());
            }
        }
        for (LandingDiscovery.UnknownFile file : unknown) {
            out.printf("  unknown    %s: %s%n", file.path(), file.reason());
        }
        out.flush();
    }
}
