package cn.hangzhou.indicators.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The worst quality outcome among the deliveries behind each silver table and year: the file ids in the rows'
 * {@code _sources}, looked up in the ingest manifest's {@code quality_status}. A value of year Y is computed from
 * the year-Y rows of the tables its SQL reads, so its status is the worst over those (table, year) pairs.
 * Without a manifest, or without its {@code quality_status} column, every delivery counts as passed (A).
 */
public final class DeliveryQuality {

    public record TableYear(String table, int year) {
    }

    private final Map<TableYear, QualityStatus> statuses;

    public DeliveryQuality(Map<TableYear, QualityStatus> statuses) {
        this.statuses = Map.copyOf(statuses);
    }

    /** @param manifest the ingest manifest, or null where it does not exist */
    public static DeliveryQuality of(Map<String, Dataset<Row>> silverTables, Dataset<Row> manifest) {
        if (manifest == null || !Arrays.asList(manifest.columns()).contains("quality_status")
                || !Arrays.asList(manifest.columns()).contains("file_id")) {
            return new DeliveryQuality(Map.of());
        }
        Dataset<Row> deliveries = null;
        for (Map.Entry<String, Dataset<Row>> table : silverTables.entrySet()) {
            if (!Arrays.asList(table.getValue().columns()).contains("_sources")) {
                continue;
            }
            Dataset<Row> files = table.getValue()
                    .select(col("year").cast(DataTypes.IntegerType).as("year"), explode(col("_sources.file_id")).as("file_id"))
                    .distinct()
                    .withColumn("table", lit(table.getKey()));
            deliveries = deliveries == null ? files : deliveries.unionByName(files);
        }
        if (deliveries == null) {
            return new DeliveryQuality(Map.of());
        }
        Map<TableYear, QualityStatus> statuses = new HashMap<>();
        Dataset<Row> checked = deliveries
                .join(manifest.select(col("file_id"), col("quality_status")), "file_id")
                .select("table", "year", "quality_status")
                .distinct();
        for (Row row : checked.collectAsList()) {
            if (row.isNullAt(1)) {
                continue;
            }
            TableYear key = new TableYear(row.getString(0), row.getInt(1));
            statuses.merge(key, QualityStatus.fromManifest(row.getString(2)), QualityStatus::worst);
        }
        return new DeliveryQuality(statuses);
    }

    public QualityStatus status(String table, int year) {
        return statuses.getOrDefault(new TableYear(table, year), QualityStatus.A);
    }

    public QualityStatus worst(Iterable<String> tables, int year) {
        QualityStatus worst = QualityStatus.A;
        for (String table : tables) {
            worst = QualityStatus.worst(worst, status(table, year));
        }
        return worst;
    }
}
