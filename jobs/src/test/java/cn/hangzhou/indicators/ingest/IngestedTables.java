package cn.hangzhou.indicators.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.ops.WarehouseLayout;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The tables an ingest wrote, read as any Spark session with Delta would read them, for the ingest ITs. */
record IngestedTables(SparkSession spark, WarehouseLayout layout) {

    Dataset<Row> table(String path) {
        return spark.read().format("delta").load(path);
    }

    Dataset<Row> manifest() {
        return table(layout.ingestManifest());
    }

    /** The one manifest row of a local landing file. */
    Row manifestRow(Path file) {
        String path = "file:" + file.toAbsolutePath();
        List<Row> rows = manifest().where(col("path").equalTo(path)).collectAsList();
        assertThat(rows).as("manifest rows of %s", path).hasSize(1);
        return rows.get(0);
    }

    /** rows_read = rows in bronze + rows in the ingest quarantine, for every ingested file, counted in the tables. */
    void assertEveryIngestedFileBalances() {
        List<Row> ingested = manifest().where(col("status").equalTo("ingested")).collectAsList();
        assertThat(ingested).isNotEmpty();
        for (Row file : ingested) {
            String fileId = file.getAs("file_id");
            long bronze = table(layout.bronze(file.getAs("extract"))).where(col("_file_id").equalTo(fileId)).count();
            long quarantined = table(layout.quarantine()).where(col("file_id").equalTo(fileId).and(col("stage").equalTo("ingest"))).count();
            assertThat(bronze + quarantined).as("accounting of %s", file.<String>getAs("path")).isEqualTo(file.<Long>getAs("rows_read"));
            assertThat(bronze).isEqualTo(file.<Long>getAs("rows_accepted"));
            assertThat(quarantined).isEqualTo(file.<Long>getAs("rows_quarantined"));
        }
    }
}
