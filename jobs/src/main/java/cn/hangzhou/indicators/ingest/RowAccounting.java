package cn.hangzhou.indicators.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import cn.hangzhou.indicators.ops.DeltaTables;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Counts, by querying the tables, each file's rows in bronze and in the ingest quarantine, and checks that
 * rows read = rows in bronze + rows quarantined for every ingested file.
 */
public final class RowAccounting {

    private final SparkSession spark;
    private final WarehouseLayout layout;

    /** One file's rows as found in the tables. */
    public record Counts(long accepted, long quarantined) {
        public long total() {
            return accepted + quarantined;
        }
    }

    public RowAccounting(SparkSession spark, WarehouseLayout layout) {
        this.spark = spark;
        this.layout = layout;
    }

    /** The counts of the given files (absent files count zero), over the given extracts' bronze tables, in one query. */
    public Map<String, Counts> count(Collection<String> extracts, Collection<String> fileIds) {
        Dataset<Row> union = null;
        for (String extract : extracts) {
            String path = layout.bronze(extract);
            if (DeltaTables.exists(spark, path)) {
                union = union(union, spark.read().format("delta").load(path)
                        .select(col("_file_id").as("file_id"), lit(1L).as("accepted"), lit(0L).as("quarantined")));
            }
        }
        if (DeltaTables.exists(spark, layout.quarantine())) {
            union = union(union, spark.read().format("delta").load(layout.quarantine())
                    .where(col("stage").equalTo(BronzeWriter.INGEST_STAGE))
                    .select(col("file_id"), lit(0L).as("accepted"), lit(1L).as("quarantined")));
        }
        Map<String, Counts> counts = new HashMap<>();
        fileIds.forEach(fileId -> counts.put(fileId, new Counts(0, 0)));
        if (union == null) {
            return counts;
        }
        for (Row row : union.where(col("file_id").isin(fileIds.toArray())).groupBy("file_id")
                .agg(sum("accepted"), sum("quarantined")).collectAsList()) {
            counts.put(row.getString(0), new Counts(row.getLong(1), row.getLong(2)));
        }
        return counts;
    }

    private static Dataset<Row> union(Dataset<Row> union, Dataset<Row> next) {
        return union == null ? next : union.unionAll(next);
    }

    /** Fails loudly unless every ingested manifest row's rows_read equals its rows in bronze plus quarantine. */
    public void verify(List<ManifestEntry> manifest) {
        List<ManifestEntry> ingested = manifest.stream().filter(entry -> entry.status().equals(ManifestEntry.INGESTED)).toList();
        if (ingested.isEmpty()) {
            return;
        }
        Map<String, Counts> counts = count(ingested.stream().map(ManifestEntry::extract).distinct().toList(),
                ingested.stream().map(ManifestEntry::fileId).toList());
        StringBuilder mismatches = new StringBuilder();
        for (ManifestEntry entry : ingested) {
            Counts found = counts.get(entry.fileId());
            if (entry.rowsRead() == null || found.total() != entry.rowsRead()
                    || (entry.rowsAccepted() != null && found.accepted() != entry.rowsAccepted())) {
                mismatches.append("\n  ").append(entry.path()).append(" (file_id ").append(entry.fileId()).append("): read ")
                        .append(entry.rowsRead()).append(", bronze ").append(found.accepted()).append(", quarantine ")
                        .append(found.quarantined());
            }
        }
        if (!mismatches.isEmpty()) {
            throw new IllegalStateException("row accounting does not balance (rows read != bronze + quarantine):" + mismatches);
        }
    }
}
