package cn.hangzhou.indicators.testing;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import cn.hangzhou.indicators.config.ExtractSchema;
import cn.hangzhou.indicators.config.ResidentIdNumbers;
import cn.hangzhou.indicators.config.SchemaCatalog;
import cn.hangzhou.indicators.ingest.BronzeWriter;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Bronze tables, ingest manifest and quarantine as ingestion writes them (docs/data-model.md), built from
 * small lists of delivered text: for tests of what reads bronze, without running ingestion.
 */
public final class BronzeFixtures {


    private final SparkSession spark;
    private final WarehouseLayout layout;
    private final SchemaCatalog schemas;

    public BronzeFixtures(SparkSession spark, WarehouseLayout layout, SchemaCatalog schemas) {
        this.spark = spark;
        this.layout = layout;
        this.schemas = schemas;
    }

    /**
     * Ingests a delivery of {@code extractId} ({@code department/extract}) for a period: its rows (column name to
     * delivered text; a missing column is delivered empty) get row numbers 2, 3, ... and replace the bronze rows of
     * the same source name, whose manifest rows become {@code superseded}. The manifest row gets the quality status
     * given (null: not checked yet). Returns the file id.
     */
    public String deliver(String extractId, String period, String district, String fileId, String qualityStatus,
                          List<Map<String, String>> rows) {
        ExtractSchema schema = schemas.get(extractId);
        String sourceName = schema.fileName(period, district);
        Timestamp now = new Timestamp(System.currentTimeMillis());
        StructType bronze = new StructType();
        for (String name : schema.columnNames()) {
            bronze = bronze.add(name, DataTypes.StringType);
        }
        bronze = bronze.add("_file_id", DataTypes.StringType).add("_row_number", DataTypes.LongType)
                .add("_period", DataTypes.StringType).add("_source_name", DataTypes.StringType)
                .add("_batch_id", DataTypes.StringType).add("_ingested_at", DataTypes.TimestampType);
        List<Row> bronzeRows = new ArrayList<>();
        long rowNumber = 2;
        for (Map<String, String> delivered : rows) {
            List<Object> values = new ArrayList<>();
            schema.columnNames().forEach(name -> values.add(delivered.getOrDefault(name, "")));
            values.addAll(List.of(fileId, rowNumber++, period, sourceName, "fixture-batch", now));
            bronzeRows.add(RowFactory.create(values.toArray()));
        }
        String bronzePath = layout.bronze(schema.extract());
        var writer = spark.createDataFrame(bronzeRows, bronze).write().format("delta");
        if (DeltaTable.isDeltaTable(spark, bronzePath)) {
            writer.mode(SaveMode.Overwrite).option("replaceWhere", "_source_name = '" + sourceName + "'").save(bronzePath);
        } else {
            writer.mode(SaveMode.Append).save(bronzePath);
        }
        if (DeltaTable.isDeltaTable(spark, layout.ingestManifest())) {
            DeltaTable.forPath(spark, layout.ingestManifest()).update(
                    col("source_name").equalTo(sourceName).and(col("status").equalTo("ingested")),
                    Map.of("status", lit("superseded")));
        }
        Row manifestRow = RowFactory.create(fileId, "landing/" + schema.id() + "/" + sourceName, sourceName, sourceName,
                schema.department(), schema.extract(), period, district, 100L, fileId, now, now, "fixture-batch", "ingested",
                (long) rows.size(), (long) rows.size(), 0L, 0L, null, qualityStatus, qualityStatus == null ? null : "fixture-check");
        ManifestRows.frame(spark, List.of(manifestRow)).write().format("delta").mode(SaveMode.Append)
                .save(layout.ingestManifest());
        return fileId;
    }

    /** {@link #deliver} of a delivery the quality gate passed, not per district. */
    public String deliver(String extractId, String period, String fileId, List<Map<String, String>> rows) {
        return deliver(extractId, period, null, fileId, "passed", rows);
    }

    /** A resident ID number that passes GB 11643: address code, birth date yyyyMMdd, 3-digit sequence, check character. */
    public static String idNumber(String address, String birthDate, String sequence) {
        String first17 = address + birthDate + sequence;
        return first17 + ResidentIdNumbers.checkCharacter(first17);
    }

    /** Sets the quality gate's verdict on a delivery. */
    public void setQualityStatus(String fileId, String qualityStatus) {
        DeltaTable.forPath(spark, layout.ingestManifest()).update(col("file_id").equalTo(fileId),
                Map.of("quality_status", qualityStatus == null ? lit(null).cast(DataTypes.StringType) : lit(qualityStatus)));
    }

    /** Records a bronze row as quarantined by the quality gate. */
    public void quarantine(String fileId, long rowNumber, String extract) {
        Row row = RowFactory.create(fileId, rowNumber, extract, null, null, "quality", List.of("fixture rule"),
                "raw", "fixture-check", new Timestamp(System.currentTimeMillis()));
        spark.createDataFrame(List.of(row), BronzeWriter.QUARANTINE_SCHEMA).write().format("delta").mode(SaveMode.Append).save(layout.quarantine());
    }
}
