package cn.hangzhou.indicators.ops;

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
}
