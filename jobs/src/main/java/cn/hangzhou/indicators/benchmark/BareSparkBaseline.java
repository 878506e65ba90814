package cn.hangzhou.indicators.benchmark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;

import cn.hangzhou.indicators.config.ColumnSpec;
import cn.hangzhou.indicators.config.ExtractSchema;
import cn.hangzhou.indicators.config.ProjectHome;
import cn.hangzhou.indicators.config.SchemaCatalog;
import cn.hangzhou.indicators.ingest.LandingFile;
import cn.hangzhou.indicators.ops.SparkSessions;
import cn.hangzhou.indicators.ops.StageMetrics;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The benchmark's bare Spark baseline (a child process of {@code bench}): Spark's own CSV and JSON readers into one
 * Delta table per extract (stage {@code convert}), then baseline_indicators.sql in Spark SQL (stage {@code sql});
 * no quality gate, pseudonymisation, lineage or bookkeeping. Arguments: landing folder, work folder.
 */
public final class BareSparkBaseline {

    private BareSparkBaseline() {
    }

    public static void main(String[] arguments) throws Exception {
        Path landing = Path.of(arguments[0]).toAbsolutePath();
        Path work = Path.of(arguments[1]).toAbsolutePath();
        BenchLanding.deleteTree(work);
        Files.createDirectories(work);
        SchemaCatalog schemas = SchemaCatalog.load(ProjectHome.schemas(ProjectHome.locate()));
        SparkSession.Builder builder = SparkSession.builder().appName("indicators bench bare Spark").master("local[*]")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "8")
                .config("spark.sql.files.ignoreCorruptFiles", "true")
                .config("spark.sql.warehouse.dir", work.resolve("spark-warehouse").toString());
        SparkSessions.deltaDefaults().forEach(builder::config);
        SparkSession spark = builder.getOrCreate();
        StageMetrics.listenTo(spark);
        try (StageMetrics.Stage stage = StageMetrics.start("convert")) {
            for (BaselineExtract extract : BaselineExtract.of(landing, schemas)) {
                String table = work.resolve("delta").resolve(extract.table()).toString();
                read(spark, extract).write().format("delta").mode("overwrite").save(table);
                Dataset<Row> rows = spark.read().format("delta").load(table);
                rows.createOrReplaceTempView(extract.table());
                stage.rows(rows.count()).bytes(extract.bytes());
            }
        }
        try (StageMetrics.Stage stage = StageMetrics.start("sql");
             Writer out = Files.newBufferedWriter(work.resolve("baseline_indicators.csv"))) {
            List<Row> rows = spark.sql(BaselineExtract.indicatorsSql()).collectAsList();
            for (Row row : rows) {
                out.write(row.mkString(",") + "\n");
            }
            stage.rows(rows.size());
        }
        spark.stop();
    }

    /** The extract's files as strings with the schema's column names plus file_period. */
    private static Dataset<Row> read(SparkSession spark, BaselineExtract extract) {
        ExtractSchema schema = extract.schema();
        String[] paths = extract.files().stream().map(LandingFile::path).toArray(String[]::new);
        List<Column> selected = new ArrayList<>();
        if (paths.length == 0) {
            for (ColumnSpec column : extract.columns()) {
                selected.add(lit(null).cast(DataTypes.StringType).as(column.name()));
            }
            selected.add(lit(null).cast(DataTypes.StringType).as("file_period"));
            return spark.range(0).select(selected.toArray(Column[]::new));
        }
        Dataset<Row> raw;
        if (schema.format() == ExtractSchema.Format.JSON_LINES) {
            StructType keys = new StructType();
            for (ColumnSpec column : extract.columns()) {
                keys = keys.add(column.header(), DataTypes.StringType);
            }
            raw = spark.read().schema(keys).json(paths);
        } else {
            raw = spark.read().option("header", "true").option("sep", schema.delimiter())
                    .option("encoding", schema.charset().name()).option("mode", "PERMISSIVE").csv(paths);
        }
        List<String> present = Arrays.asList(raw.columns());
        for (ColumnSpec column : extract.columns()) {
            String found = present.stream().filter(name -> name.replace("\uFEFF", "").trim().equals(column.header())).findFirst().orElse(null);
            selected.add((found == null ? lit(null).cast(DataTypes.StringType) : col("`" + found + "`")).as(column.name()));
        }
        selected.add(regexp_extract(input_file_name(), BaselineExtract.PERIOD_PATTERN, 1).as("file_period"));
        return raw.select(selected.toArray(Column[]::new));
    }
}
