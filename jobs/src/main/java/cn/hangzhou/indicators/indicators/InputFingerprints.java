package cn.hangzhou.indicators.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import cn.hangzhou.indicators.ops.DeltaTables;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Fingerprints what each year's values are computed from, as a {@link ComputeState}: from the Delta logs alone
 * while no input has a new commit; otherwise one hashing pass over the silver tables with a new commit (and a
 * quality look-up over every table when the manifest has one), the other tables' year fingerprints kept.
 */
final class InputFingerprints {

    private static final String COMMIT_PREFIX = "commit:";

    private final SparkSession spark;
    private final WarehouseLayout layout;

    InputFingerprints(SparkSession spark, WarehouseLayout layout) {
        this.spark = spark;
        this.layout = layout;
    }

    /** The inputs' latest commits and the catalogue, read from the Delta logs without a Spark job over data. */
    record Commits(Map<String, Long> silverVersions, Long manifestVersion, Map<String, String> fingerprints) {
    }

    Commits commits(String catalogueFingerprint) {
        Map<String, Long> silverVersions = new LinkedHashMap<>();
        Map<String, String> fingerprints = new TreeMap<>();
        for (String table : SilverTables.names()) {
            DeltaTables.latestCommit(spark, layout.silver(table)).ifPresent(commit -> {
                silverVersions.put(table, commit.version());
                fingerprints.put(table, commitFingerprint(commit));
            });
        }
        DeltaTables.Commit manifestCommit = DeltaTables.latestCommit(spark, layout.ingestManifest()).orElse(null);
        if (manifestCommit != null) {
            fingerprints.put(ComputeState.MANIFEST, commitFingerprint(manifestCommit));
        }
        fingerprints.put(ComputeState.CATALOGUE, catalogueFingerprint);
        return new Commits(silverVersions, manifestCommit == null ? null : manifestCommit.version(), fingerprints);
    }

    /**
     * The state of the inputs now.
     *
     * @param silver   the silver tables at {@code commits}' versions
     * @param manifest the manifest at its version, or null
     */
    ComputeState current(ComputeState previous, Commits commits, Map<String, Dataset<Row>> silver, Dataset<Row> manifest,
                         String runId) {
        boolean manifestChanged = !java.util.Objects.equals(previous.inputs().get(ComputeState.MANIFEST),
                commits.fingerprints().get(ComputeState.MANIFEST));
        Map<String, Dataset<Row>> changed = new LinkedHashMap<>();
        silver.forEach((table, rows) -> {
            if (!commits.fingerprints().get(table).equals(previous.inputs().get(table))) {
                changed.put(table, rows);
            }
        });
        Map<String, Map<Integer, String>> rowsFingerprints = rowsFingerprints(changed);
        DeliveryQuality quality = DeliveryQuality.of(manifestChanged ? silver : changed, manifest);
        Map<Integer, Map<String, ComputeState.YearInput>> years = new TreeMap<>();
        for (String table : silver.keySet()) {
            if (changed.containsKey(table)) {
                rowsFingerprints.getOrDefault(table, Map.of()).forEach((year, fingerprint) -> years
                        .computeIfAbsent(year, key -> new TreeMap<>())
                        .put(table, new ComputeState.YearInput(fingerprint, quality.status(table, year).name())));
            } else {
                previous.years().forEach((year, tables) -> {
                    ComputeState.YearInput input = tables.get(table);
                    if (input != null) {
                        String status = manifestChanged ? quality.status(table, year).name() : input.qualityStatus();
                        years.computeIfAbsent(year, key -> new TreeMap<>())
                                .put(table, new ComputeState.YearInput(input.rowsFingerprint(), status));
                    }
                });
            }
        }
        ComputeState unattributed = new ComputeState(commits.fingerprints(), years, Map.of());
        List<Integer> recomputed = unattributed.changedYears(previous);
        Map<Integer, String> runIds = new TreeMap<>();
        years.keySet().forEach(year -> runIds.put(year, recomputed.contains(year) ? runId : previous.runIds().get(year)));
        return new ComputeState(commits.fingerprints(), years, runIds);
    }

    /** Per table and year (rows without year left out): the row count and the sum of the rows' hashes, in one job. */
    private static Map<String, Map<Integer, String>> rowsFingerprints(Map<String, Dataset<Row>> tables) {
        Dataset<Row> hashes = null;
        for (Map.Entry<String, Dataset<Row>> table : tables.entrySet()) {
            Dataset<Row> rows = table.getValue();
            Column[] all = Arrays.stream(rows.columns()).map(name -> col("`" + name + "`")).toArray(Column[]::new);
            Dataset<Row> tableHashes = rows.where(col("year").isNotNull()).select(lit(table.getKey()).as("input"),
                    col("year").cast(DataTypes.IntegerType).as("year"), xxhash64(all).as("row_hash"));
            hashes = hashes == null ? tableHashes : hashes.union(tableHashes);
        }
        Map<String, Map<Integer, String>> fingerprints = new TreeMap<>();
        if (hashes == null) {
            return fingerprints;
        }
        // summed as decimals: a long sum of hashes would overflow
        for (Row row : hashes.groupBy("input", "year")
                .agg(count(lit(1)), sum(col("row_hash").cast(DataTypes.createDecimalType(38, 0)))).collectAsList()) {
            fingerprints.computeIfAbsent(row.getString(0), key -> new TreeMap<>())
                    .put(row.getInt(1), row.getLong(2) + ":" + row.getDecimal(3).toPlainString());
        }
        return fingerprints;
    }

    /** Version and time of a commit: a table made again starts at version 0 again, at another time. */
    private static String commitFingerprint(DeltaTables.Commit commit) {
        return COMMIT_PREFIX + commit.version() + "@" + commit.writtenAtMillis();
    }

    /** SHA-256 over what the values depend on besides the tables: code revision, districts, every definition and target. */
    static String catalogueFingerprint(IndicatorCatalogue catalogue, List<String> districtCodes, String codeRevision) {
        StringBuilder text = new StringBuilder(codeRevision).append('\n').append(districtCodes);
        for (Indicator indicator : catalogue.indicators()) {
            text.append('\n').append(String.join("|", indicator.id(), indicator.definitionVersion(),
                    String.valueOf(indicator.lineageSqlText()), String.valueOf(indicator.target2025()),
                    String.valueOf(indicator.value2020()), String.valueOf(indicator.definition().decimals())));
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
