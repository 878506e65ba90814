package cn.hangzhou.indicators.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import cn.hangzhou.indicators.ops.DeltaTables;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Counts, by querying the tables, the rows of a run's files in bronze and in the ingest quarantine, so that the
 * run can check rows read = rows in bronze + rows quarantined for each of them.
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

    /**
     * The counts of the given files (absent files count zero), over the given extracts' bronze tables, in one query.
     * Each table is filtered on the file ids before anything else, so that Delta skips, by the file statistics of
     * its log, every data file holding none of them (each task of a run writes the rows of one delivered file).
     */
    public Map<String, Counts> count(Collection<String> extracts, Collection<String> fileIds) {
        Object[] wanted = fileIds.toArray();
        Dataset<Row> union = null;
        for (String extract : extracts) {
            String path = layout.bronze(extract);
            if (DeltaTables.exists(spark, path)) {
                union = union(union, spark.read().format("delta").load(path).where(col("_file_id").isin(wanted))
                        .select(col("_file_id").as("file_id"), lit(1L).as("accepted"), lit(0L).as("quarantined")));
            }
        }
        if (DeltaTables.exists(spark, layout.quarantine())) {
            union = union(union, spark.read().format("delta").load(layout.quarantine())
                    .where(col("file_id").isin(wanted).and(col("stage").equalTo(BronzeWriter.INGEST_STAGE)))
                    .select(col("file_id"), lit(0L).as("accepted"), lit(1L).as("quarantined")));
        }
        Map<String, Counts> counts = new HashMap<>();
        fileIds.forEach(fileId -> counts.put(fileId, new Counts(0, 0)));
        if (union == null) {
            return counts;
        }
        for (Row row : union.groupBy("file_id")
                .agg(sum("accepted"), sum("quarantined")).collectAsList()) {
            counts.put(row.getString(0), new Counts(row.getLong(1), row.getLong(2)));
        }
        return counts;
    }

    private static Dataset<Row> union(Dataset<Row> union, Dataset<Row> next) {
        return union == null ? next : union.unionAll(next);
    }
}
