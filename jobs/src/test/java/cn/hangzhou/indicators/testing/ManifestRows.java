package cn.hangzhou.indicators.testing;

import cn.hangzhou.indicators.ingest.IngestManifest;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Manifest rows for fixtures, in the real {@link IngestManifest#SCHEMA}: fixtures give every column but
 * {@code extra_columns}, {@code superseded_by} and {@code ingest_warnings}, which are added empty.
 */
public final class ManifestRows {

    private static final Set<String> ADDED_EMPTY = Set.of("extra_columns", "superseded_by", "ingest_warnings");

    /** The columns a fixture row gives, in the manifest's order. */
    public static final StructType FIXTURE_COLUMNS = new StructType(Arrays.stream(IngestManifest.SCHEMA.fields())
            .filter(field -> !ADDED_EMPTY.contains(field.name()))
            .map(field -> DataTypes.createStructField(field.name(), field.dataType(), true))
            .toArray(StructField[]::new));

    private ManifestRows() {
    }

    public static Dataset<Row> frame(SparkSession spark, List<Row> rows) {
        Dataset<Row> given = spark.createDataFrame(rows, FIXTURE_COLUMNS);
        Column[] columns = Arrays.stream(IngestManifest.SCHEMA.fields())
                .map(field -> ADDED_EMPTY.contains(field.name())
                        ? functions.lit(null).cast(field.dataType()).as(field.name())
                        : functions.col(field.name()))
                .toArray(Column[]::new);
        return given.select(columns);
    }
}
