package cn.hangzhou.indicators.ops;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.catalog.NamedTable;
import cn.hangzhou.indicators.catalog.WarehouseCatalog;
import cn.hangzhou.indicators.cli.IndicatorsCommand;
import cn.hangzhou.indicators.config.ProjectHome;
import cn.hangzhou.indicators.config.TableDescriptions;
import cn.hangzhou.indicators.ingest.IngestManifest;
import cn.hangzhou.indicators.testing.SharedSpark;
import io.delta.tables.DeltaTable;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code maintain} on Delta tables in a temp warehouse: inside the horizon every version stays readable; a file no
 * version needs and older than the horizon goes; quarantine rows of deliveries superseded before the horizon go;
 * conf/tables.yaml's comments are written once and {@code DESCRIBE} shows them.
 */
class WarehouseMaintenanceIT {

    private static final Instant NOW = Instant.now();
    private static final Duration HORIZON = Duration.ofDays(400);

    @TempDir
    Path folder;

    @Test
    void maintenanceKeepsEveryVersionOfTheHorizonAndRemovesWhatFellOutOfIt() throws Exception {
        SparkSession spark = SharedSpark.session();
        WarehouseLayout layout = new WarehouseLayout(folder.resolve("warehouse").toString());
        StructType people = new StructType().add("year", DataTypes.IntegerType).add("persons", DataTypes.LongType);
        String silver = layout.silver("population");
        spark.createDataFrame(List.of(RowFactory.create(2024, 10L)), people).write().format("delta").save(silver);
        spark.createDataFrame(List.of(RowFactory.create(2024, 11L), RowFactory.create(2025, 12L)), people)
                .write().format("delta").mode("overwrite").save(silver);
        // what a crashed write leaves: a data file no commit names, written long before the horizon
        Path stray = Path.of(silver, "part-00000-left-by-a-crashed-run.c000.snappy.parquet");
        Files.copy(dataFiles(Path.of(silver)).get(0), stray);
        Files.setLastModifiedTime(stray, FileTime.from(NOW.minus(Duration.ofDays(500))));

        manifest(spark, layout, List.of(
                delivery("f-old", "superseded", "f-old-correction", NOW.minus(Duration.ofDays(900))),
                delivery("f-old-correction", "ingested", null, NOW.minus(Duration.ofDays(500))),
                delivery("f-recent", "superseded", "f-recent-correction", NOW.minus(Duration.ofDays(30))),
                delivery("f-recent-correction", "ingested", null, NOW.minus(Duration.ofDays(10)))));
        StructType quarantine = new StructType().add("file_id", DataTypes.StringType).add("row_number", DataTypes.LongType)
                .add("raw_text", DataTypes.StringType);
        spark.createDataFrame(List.of(RowFactory.create("f-old", 3L, "raw row of an old delivery"),
                RowFactory.create("f-recent", 4L, "raw row of a recent one"),
                RowFactory.create("f-recent-correction", 5L, "raw row of the current one")), quarantine)
                .write().format("delta").save(layout.quarantine());

        List<WarehouseMaintenance.TableOutcome> first = new WarehouseMaintenance(spark, layout, HORIZON, NOW).execute();

        assertThat(first).extracting(WarehouseMaintenance.TableOutcome::table)
                .containsExactlyInAnyOrder("analytics/silver/population", "ops/ingest_manifest", "restricted/bronze/_quarantine");
        assertThat(first).allSatisfy(outcome -> assertThat(outcome.propertiesSet()).isTrue());
        assertThat(stray).doesNotExist();
        assertThat(spark.read().format("delta").option("versionAsOf", 0).load(silver).collectAsList())
                .containsExactly(RowFactory.create(2024, 10L));
        assertThat(spark.read().format("delta").load(silver).count()).isEqualTo(2);
        assertThat(spark.read().format("delta").load(layout.quarantine()).select("file_id").as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList()).containsExactlyInAnyOrder("f-recent", "f-recent-correction");
        assertThat(first).filteredOn(outcome -> outcome.table().endsWith("_quarantine"))
                .singleElement().satisfies(outcome -> assertThat(outcome.rowsRetired()).isEqualTo(1));
        String interval = "interval 400 days";
        Map<String, String> properties = DeltaTable.forPath(spark, silver).detail().select("properties").first().getJavaMap(0);
        assertThat(properties).containsEntry(WarehouseMaintenance.LOG_RETENTION, interval)
                .containsEntry(WarehouseMaintenance.FILE_RETENTION, interval);

        // from the launcher: the same again finds nothing to set or retire
        Result again = maintain(layout, "--retain-days", "400");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("horizon 400 days, 3 tables")
                .contains("quarantine rows of superseded deliveries retired: 0; retention properties set on 0 tables");
        assertThat(spark.read().format("delta").option("versionAsOf", 0).load(silver).count()).isEqualTo(1);

        // conf/tables.yaml's comments, which DESCRIBE shows, were written by that run and only by it
        assertThat(again.out()).contains("table comments (conf/tables.yaml) written on 3 tables:")
                .contains("silver.population").contains("ops.ingest_manifest").contains("bronze.quarantine");
        TableDescriptions descriptions = TableDescriptions.ofProject(ProjectHome.locate());
        TableDescriptions.Table population = descriptions.table("silver.population").orElseThrow();
        NamedTable named = WarehouseCatalog.tables(spark, layout).stream().filter(table -> table.name().equals("silver.population"))
                .findFirst().orElseThrow();
        WarehouseCatalog.prepare(spark, List.of(named), false);
        WarehouseCatalog.register(spark, layout, named);
        Map<String, String> described = new java.util.HashMap<>();
        for (Row row : spark.sql("DESCRIBE TABLE EXTENDED silver.population").collectAsList()) {
            // a column row has the comment in its third field; a detail row (Comment, Location…) its value in the second
            described.put(row.getString(0), row.getString(2) == null || row.getString(2).isEmpty() ? row.getString(1) : row.getString(2));
        }
        assertThat(described).containsEntry("persons", population.columns().get("persons"))
                .containsEntry("year", descriptions.sharedColumns().get("silver").get("year"))
                .containsEntry("Comment", population.comment());
        long versionAfterComments = DeltaTables.version(spark, silver).orElseThrow();
        Result third = maintain(layout, "--retain-days", "400");
        assertThat(third.exitCode()).as(third.err()).isZero();
        // ops.runs appeared with the second run's record: only it is new
        assertThat(third.out()).contains("table comments (conf/tables.yaml) written on 1 tables: ops.runs")
                .doesNotContain("silver.population").doesNotContain("ops.ingest_manifest").doesNotContain("bronze.quarantine");
        // VACUUM records commits of its own at every run; no comment was written again
        assertThat(DeltaTable.forPath(spark, silver).history().where("version > " + versionAfterComments).select("operation")
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList()).isNotEmpty()
                .doesNotContain("SET TBLPROPERTIES", "REPLACE COLUMNS", "CHANGE COLUMN");
        assertThat(DeltaTable.forPath(spark, silver).history().where("version <= " + versionAfterComments).select("operation")
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList()).contains("REPLACE COLUMNS");
        assertThat(spark.read().format("delta").load(silver).count()).isEqualTo(2);

        Result tooShort = maintain(layout, "--retain-days", "3");
        assertThat(tooShort.exitCode()).isEqualTo(2);
        assertThat(tooShort.err()).contains("--retain-days 3 is shorter than Delta's safety margin of 7 days");
    }

    private record Result(int exitCode, String out, String err) {
    }

    private Result maintain(WarehouseLayout layout, String... arguments) {
        CommandLine commandLine = IndicatorsCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        List<String> line = new ArrayList<>(List.of("maintain", "--warehouse", layout.root(), "--landing",
                folder.resolve("landing").toString()));
        line.addAll(List.of(arguments));
        return new Result(commandLine.execute(line.toArray(String[]::new)), out.toString(), err.toString());
    }

    private static List<Path> dataFiles(Path table) throws Exception {
        try (Stream<Path> files = Files.list(table)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".parquet")).sorted().toList();
        }
    }

    /** A manifest row with the columns maintenance reads; the others as a delivery of payments has them. */
    private static Map<String, Object> delivery(String fileId, String status, String supersededBy, Instant firstSeen) {
        Map<String, Object> values = new java.util.HashMap<>(Map.of("file_id", fileId,
                "path", "landing/assistance/payments/" + fileId + ".csv", "file_name", fileId + ".csv",
                "source_name", "payments_202403.csv", "department", "assistance", "extract", "payments", "period", "202403",
                "size_bytes", 100L, "sha256", "sha-" + fileId, "modified_at", Timestamp.from(firstSeen)));
        values.putAll(Map.of("first_seen_at", Timestamp.from(firstSeen), "batch_id", "batch-" + fileId, "status", status,
                "quality_status", "passed"));
        if (supersededBy != null) {
            values.put("superseded_by", supersededBy);
        }
        return values;
    }

    private static void manifest(SparkSession spark, WarehouseLayout layout, List<Map<String, Object>> entries) {
        List<Row> rows = entries.stream().map(values -> RowFactory.create(java.util.Arrays.stream(IngestManifest.SCHEMA.fieldNames())
                .map(values::get).toArray())).toList();
        spark.createDataFrame(rows, IngestManifest.SCHEMA).write().format("delta").save(layout.ingestManifest());
    }
}
