package cn.hangzhou.indicators.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Where every table lives under the warehouse root (a folder or an {@code s3a://} URI). Two zones:
 * {@code restricted/} holds direct identifiers and unsuppressed values (bronze, quarantine, raw indicator
 * values), {@code analytics/} is what statisticians read (silver, quality results, published values);
 * {@code ops/} holds run bookkeeping without identifiers. See docs/data-model.md.
 */
public record WarehouseLayout(String root) {

    public WarehouseLayout {
        root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    }

    public String restrictedRoot() {
        return root + "/restricted";
    }

    public String analyticsRoot() {
        return root + "/analytics";
    }

    public String opsRoot() {
        return root + "/ops";
    }

    /** Bronze table of one extract, e.g. {@code restricted/bronze/residents}. */
    public String bronze(String extract) {
        return restrictedRoot() + "/bronze/" + extract;
    }

    public String quarantine() {
        return restrictedRoot() + "/bronze/_quarantine";
    }

    public String ingestManifest() {
        return opsRoot() + "/ingest_manifest";
    }

    /** Which deliveries silver was conformed from (no identifiers). */
    public String conformState() {
        return opsRoot() + "/conform_state";
    }

    /** What the stored indicator values of each year were computed from (no identifiers). */
    public String computeState() {
        return opsRoot() + "/compute_state";
    }

    public String runs() {
        return opsRoot() + "/runs";
    }

    public String silver(String table) {
        return analyticsRoot() + "/silver/" + table;
    }

    public String quality(String table) {
        return analyticsRoot() + "/quality/" + table;
    }

    /** Unsuppressed indicator values, for auditors only. */
    public String indicatorValues() {
        return restrictedRoot() + "/gold/indicator_values";
    }

    public String publishedIndicators() {
        return analyticsRoot() + "/gold/published_indicators";
    }

    public String lineage(String table) {
        return restrictedRoot() + "/lineage/" + table;
    }

    public String reports() {
        return root + "/reports";
    }

    /** Owner only: read, write and list for the pipeline's account, nothing for its group or others. */
    public static final Set<PosixFilePermission> RESTRICTED_PERMISSIONS = PosixFilePermissions.fromString("rwx------");

    /**
     * On a local warehouse, creates {@code restricted/} owner-only (0700), or takes group and other permissions off an
     * existing one; the folders Spark creates below it keep the default permissions, which the parent then guards.
     * Returns the folder, or empty where the warehouse is not on a local POSIX file system (bucket or HDFS
     * permissions govern there).
     */
    public Optional<Path> secureRestrictedZone() {
        Optional<Path> local = localFolder(restrictedRoot());
        if (local.isEmpty() || !FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Optional.empty();
        }
        Path restricted = local.get();
        try {
            if (Files.notExists(restricted)) {
                Files.createDirectories(restricted.getParent());
                // created, then set: the creation mode is subject to the umask
                Files.createDirectory(restricted);
            }
            if (!Files.getPosixFilePermissions(restricted).equals(RESTRICTED_PERMISSIONS)) {
                Files.setPosixFilePermissions(restricted, RESTRICTED_PERMISSIONS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + restricted + " owner-only (0700)", e);
        }
        return Optional.of(restricted);
    }

    /** The local folder of a plain path or a {@code file:} URI. */
    private static Optional<Path> localFolder(String location) {
        if (location.startsWith("file:")) {
            return Optional.of(Path.of(URI.create(location)));
        }
        return location.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*") ? Optional.empty() : Optional.of(Path.of(location));
    }
}
