package cn.hangzhou.indicators.ingest;

import java.sql.Timestamp;
import java.util.List;

/** One row of {@code ops/ingest_manifest}: one delivered file and what ingest did with it (see docs/data-model.md). */
public record ManifestEntry(String fileId, String path, String fileName, String sourceName, String department,
                            String extract, String period, String district, long sizeBytes, String sha256,
                            Timestamp modifiedAt, Timestamp firstSeenAt, String batchId, String status, Long rowsRead,
                            Long rowsAccepted, Long rowsQuarantined, Long bronzeVersion, String errorMessage,
                            List<String> extraColumns, String supersededBy, String qualityStatus, String qualityRunId,
                            List<String> ingestWarnings) {

    public ManifestEntry {
        ingestWarnings = ingestWarnings == null ? List.of() : List.copyOf(ingestWarnings);
    }

    public static final String INGESTED = "ingested";
    /** The manifest column of {@link #ingestWarnings()}, added after the first releases: older manifests lack it. */
    public static final String INGEST_WARNINGS = "ingest_warnings";
    public static final String DUPLICATE = "duplicate";
    public static final String SUPERSEDED = "superseded";
    public static final String REJECTED = "rejected";

    /** A landing file whose path, size and modification time equal a manifest row's is unchanged since: this key. */
    public static String unchangedKey(String path, long sizeBytes, long modifiedAt) {
        return path + "\n" + sizeBytes + "\n" + modifiedAt;
    }

    public ManifestEntry withStatus(String newStatus, String newSupersededBy) {
        return new ManifestEntry(fileId, path, fileName, sourceName, department, extract, period, district, sizeBytes, sha256,
                modifiedAt, firstSeenAt, batchId, newStatus, rowsRead, rowsAccepted, rowsQuarantined, bronzeVersion,
                errorMessage, extraColumns, newSupersededBy, qualityStatus, qualityRunId, ingestWarnings);
    }

    public ManifestEntry withBronze(long accepted, long quarantined, long version) {
        return new ManifestEntry(fileId, path, fileName, sourceName, department, extract, period, district, sizeBytes, sha256,
                modifiedAt, firstSeenAt, batchId, status, rowsRead, accepted, quarantined, version, errorMessage,
                extraColumns, supersededBy, qualityStatus, qualityRunId, ingestWarnings);
    }
}
