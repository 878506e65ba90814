package cn.hangzhou.indicators.ingest;

import static cn.hangzhou.indicators.ingest.Deliveries.DEATHS_HEADER;
import static cn.hangzhou.indicators.ingest.Deliveries.ENROLMENTS_HEADER;
import static cn.hangzhou.indicators.ingest.Deliveries.concat;
import static cn.hangzhou.indicators.ingest.Deliveries.gbk;
import static cn.hangzhou.indicators.ingest.Deliveries.gzip;
import static cn.hangzhou.indicators.ingest.Deliveries.utf8;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.cli.ExitCodes;
import cn.hangzhou.indicators.cli.IndicatorsCommand;
import cn.hangzhou.indicators.ops.SparkSessions;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import cn.hangzhou.indicators.testing.SharedSpark;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/indicators ingest end to end, on real Delta tables, through the command line. */
class IngestIT {

    private static final String DEATH_1 = "D1,330102194001011234,1,1940-01-01,2024-01-05,330102,I21.9";
    private static final String DEATH_2 = "D2,,2,1950-02-02,2024-01-06,330105,C34.1";
    private static final String ENROLMENT = "330102194001011234|张三|110|1|20200101||330102|8500.00";
    private static final String ROLL = "{\"xjh\":\"S1\",\"sfzh\":\"330102201001011234\",\"xxbsm\":\"3301020001\",\"nj\":\"11\","
            + "\"xn\":\"2024-2025\",\"zt\":\"在读\",\"sbjd\":false,\"rxrq\":\"2024-09-01\"}";

    private static SparkSession spark;

    @TempDir
    Path landing;
    @TempDir
    Path warehouse;

    @BeforeAll
    static void startSpark() {
        spark = SharedSpark.session();
    }

    private void deliver(String relative, byte[] bytes) throws IOException {
        Path file = landing.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    private int ingest() {
        return IndicatorsCommand.execute("ingest", "--landing", landing.toString(), "--warehouse", warehouse.toString());
    }

    private WarehouseLayout layout() {
        return new WarehouseLayout(warehouse.toString());
    }

    private Dataset<Row> table(String path) {
        return spark.read().format("delta").load(path);
    }

    private Map<String, Row> manifestByFile() {
        return table(layout().ingestManifest()).collectAsList().stream()
                .collect(Collectors.toMap(row -> row.<String>getAs("path").replaceAll(".*/landing[^/]*/", "")
                        .replaceFirst("^.*?/(?=(health|insurance|education|assistance|reference)/)", ""), row -> row, (a, b) -> a, TreeMap::new));
    }

    private Map<String, Long> tableVersions() throws IOException {
        Map<String, Long> versions = new TreeMap<>();
        try (Stream<Path> logs = Files.walk(warehouse)) {
            // ops/runs records every run, even one that changes nothing else
            for (Path log : logs.filter(path -> path.getFileName().toString().equals("_delta_log"))
                    .filter(path -> !path.getParent().toString().equals(layout().runs())).toList()) {
                String table = log.getParent().toString();
                versions.put(table, DeltaTable.forPath(spark, table).history(1).select("version").head().getLong(0));
            }
        }
        return versions;
    }

    private void assertEveryIngestedFileBalances() {
        new IngestedTables(spark, layout()).assertEveryIngestedFileBalances();
    }

    private List<String> reasonsOf(String fileId, long rowNumber) {
        return table(layout().quarantine()).where(col("file_id").equalTo(fileId).and(col("row_number").equalTo(rowNumber)))
                .select("reasons").head().getList(0);
    }

    @Test
    void aLandingWithDefectsIsIngestedOnceWithEveryRowAccountedFor() throws IOException {
        deliver("health/deaths/deaths_202401.csv", utf8(DEATHS_HEADER + "\n" + DEATH_1 + "\n"
                + "D3,1,2\n"
                + "D4,\"3301,2,1950-02-02,2024-01-06,330105,C34.1\n"
                + "D5,,2,1950-02-02,2024-01-06,330105,\"C34.1\n（补录）\"\n"
                + DEATH_2 + "\n"));
        byte[] february = gzip(utf8(DEATHS_HEADER + "\n" + DEATH_2 + "\n"));
        deliver("health/deaths/deaths_202402.csv.gz", february);
        deliver("health/deaths/redelivered/deaths_202402.csv.gz", february);
        deliver("health/deaths/deaths_202403.csv", utf8(DEATHS_HEADER + "\n"));
        deliver("health/deaths/deaths_202404.csv", new byte[0]);
        byte[] may = gzip(utf8((DEATHS_HEADER + "\n" + DEATH_1 + "\n").repeat(20)));
        deliver("health/deaths/deaths_202405.csv.gz", Arrays.copyOf(may, may.length - 12));
        deliver("health/residents/residents_2024.csv", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                utf8("身份证号,档案编号,姓名,性别,出生日期,常住区划,户籍类型,建档日期,档案状态,备注\r\n"
                        + "330102194001011234,HZ330102000000001,张三,1,1940-01-01,330102,1,2010-01-01,1,新建\r\n")));
        deliver("insurance/enrolments/enrolments_2024_330102.txt", gbk(ENROLMENTS_HEADER + "\n" + ENROLMENT + "\n" + ENROLMENT + "|x\n"));
        deliver("insurance/enrolments/enrolments_2024_330105.txt", utf8(ENROLMENTS_HEADER + "\n" + ENROLMENT + "\n"));
        deliver("health/child_checkups/child_checkups_202401.csv", gbk("记录编号,儿童身份证号,检查日期,机构代码,服务类型,月龄\n"
                + "R1,330102202301011234,2024-01-05,F1,02,12\n"));
        deliver("health/elderly_checkups/elderly_checkups_202401.csv", utf8("E1,330102194001011234,2024/01/05,F1,是\n"));
        deliver("health/elderly_checkups/elderly_checkups_202402.csv", utf8("E1,330102194001011234,2024/02/05,F1\n"));
        deliver("education/rolls/rolls_2024.jsonl", utf8(ROLL + "\n{\"xjh\":\"S2\"\n[1,2]\n" + ROLL.replace("S1", "S3") + "\n"));
        deliver("_generator/defects.jsonl", utf8("{}\n"));
        deliver("notes/readme.txt", utf8("hello\n"));

        assertThat(ingest()).isEqualTo(ExitCodes.INPUT_REJECTED);

        Map<String, Row> manifest = manifestByFile();
        assertThat(manifest).hasSize(15 - 2);
        Map<String, String> statuses = new TreeMap<>();
        manifest.forEach((path, row) -> statuses.put(path, row.getAs("status")));
        assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("health/deaths/deaths_202401.csv", "ingested"),
                Map.entry("health/deaths/deaths_202402.csv.gz", "ingested"),
                Map.entry("health/deaths/redelivered/deaths_202402.csv.gz", "duplicate"),
                Map.entry("health/deaths/deaths_202403.csv", "ingested"),
                Map.entry("health/deaths/deaths_202404.csv", "rejected"),
                Map.entry("health/deaths/deaths_202405.csv.gz", "rejected"),
                Map.entry("health/residents/residents_2024.csv", "ingested"),
                Map.entry("insurance/enrolments/enrolments_2024_330102.txt", "ingested"),
                Map.entry("insurance/enrolments/enrolments_2024_330105.txt", "ingested"),
                Map.entry("health/child_checkups/child_checkups_202401.csv", "ingested"),
                Map.entry("health/elderly_checkups/elderly_checkups_202401.csv", "ingested"),
                Map.entry("health/elderly_checkups/elderly_checkups_202402.csv", "rejected"),
                Map.entry("education/rolls/rolls_2024.jsonl", "ingested")));
        assertThat(manifest.get("health/deaths/deaths_202404.csv").<String>getAs("error_message")).isEqualTo("empty file (0 bytes)");
        assertThat(manifest.get("health/deaths/deaths_202405.csv.gz").<String>getAs("error_message")).startsWith("truncated gzip");
        // the wrong encoding and the missing header are read whole, with a warning; another unreadable first line is not
        assertThat(warningsOf(manifest.get("insurance/enrolments/enrolments_2024_330105.txt"))).singleElement().asString()
                .startsWith("wrong encoding: expected GBK, decoded as UTF-8");
        assertThat(warningsOf(manifest.get("health/child_checkups/child_checkups_202401.csv"))).singleElement().asString()
                .startsWith("wrong encoding: expected UTF-8, decoded as GBK");
        assertThat(warningsOf(manifest.get("health/elderly_checkups/elderly_checkups_202401.csv"))).singleElement().asString()
                .startsWith("missing header: line 1");
        assertThat(warningsOf(manifest.get("health/deaths/deaths_202401.csv"))).isEmpty();
        assertThat(manifest.get("health/elderly_checkups/elderly_checkups_202402.csv").<String>getAs("error_message"))
                .contains("missing or unrecognisable header").contains("has 4 fields, not 5");
        Row residents = manifest.get("health/residents/residents_2024.csv");
        assertThat(residents.<String>getList(residents.fieldIndex("extra_columns"))).containsExactly("备注");
        assertThat(manifest.get("health/deaths/deaths_202403.csv").<Long>getAs("rows_read")).isZero();
        Row january = manifest.get("health/deaths/deaths_202401.csv");
        assertThat(january.<Long>getAs("rows_read")).isEqualTo(5);
        assertThat(january.<Long>getAs("rows_quarantined")).isEqualTo(2);
        assertEveryIngestedFileBalances();

        String januaryId = january.getAs("file_id");
        assertThat(reasonsOf(januaryId, 3)).containsExactly("field_count:expected 7 got 3");
        assertThat(reasonsOf(januaryId, 4)).containsExactly("unbalanced_quotes");
        Dataset<Row> deaths = table(layout().bronze("deaths"));
        assertThat(deaths.where(col("_file_id").equalTo(januaryId)).orderBy("_row_number").select("_row_number", "certificate_number", "underlying_cause")
                .collectAsList()).extracting(Row::toString).containsExactly("[2,D1,I21.9]", "[5,D5,C34.1\n（补录）]", "[7,D2,C34.1]");
        String rollsId = manifest.get("education/rolls/rolls_2024.jsonl").getAs("file_id");
        assertThat(reasonsOf(rollsId, 2)).singleElement().asString().startsWith("malformed_json");
        assertThat(reasonsOf(rollsId, 3)).containsExactly("malformed_json:not an object but array");
        assertThat(table(layout().bronze("rolls")).select("_row_number", "student_number", "mainstream_with_disability").orderBy("_row_number")
                .collectAsList()).extracting(Row::toString).containsExactly("[1,S1,false]", "[4,S3,false]");
        Row resident = table(layout().bronze("residents")).head();
        assertThat(resident.<String>getAs("archive_number")).isEqualTo("HZ330102000000001");
        assertThat(resident.<String>getAs("archive_status")).isEqualTo("1");
        assertThat(resident.<scala.collection.Map<String, String>>getAs("_extra_columns").get("备注").get()).isEqualTo("新建");
        assertThat(resident.<String>getAs("_period")).isEqualTo("2024");
        Row enrolment = table(layout().bronze("enrolments")).where(col("_row_number").equalTo(2)).head();
        assertThat(enrolment.<String>getAs("person_name")).isEqualTo("张三");
        assertThat(enrolment.<String>getAs("termination_date")).isEmpty();
        assertThat(enrolment.<String>getAs("_source_name")).isEqualTo("enrolments_2024_330102.txt");
        String utf8EnrolmentsId = manifest.get("insurance/enrolments/enrolments_2024_330105.txt").getAs("file_id");
        assertThat(table(layout().bronze("enrolments")).where(col("_file_id").equalTo(utf8EnrolmentsId)).select("_row_number", "person_name")
                .collectAsList()).extracting(Row::toString).containsExactly("[2,张三]");
        assertThat(table(layout().bronze("child_checkups")).select("_row_number", "record_id").collectAsList())
                .extracting(Row::toString).containsExactly("[2,R1]");
        assertThat(table(layout().bronze("elderly_checkups")).select("_row_number", "check_date").collectAsList())
                .extracting(Row::toString).containsExactly("[1,2024/01/05]");

        Map<String, Long> versionsAfterFirstRun = tableVersions();
        assertThat(ingest()).isEqualTo(ExitCodes.OK);
        assertThat(tableVersions()).isEqualTo(versionsAfterFirstRun);
        assertThat(manifestByFile()).hasSize(13);
    }

    @Test
    void aCorrectionReplacesExactlyItsSourceNameAndACrashedRunIsCleanedUp() throws IOException {
        deliver("health/deaths/deaths_202401.csv", utf8(DEATHS_HEADER + "\n" + DEATH_1 + "\n" + DEATH_2 + "\n"));
        deliver("health/deaths/deaths_202402.csv", utf8(DEATHS_HEADER + "\n" + DEATH_2.replace("D2", "F1") + "\nF2,1\n"));
        assertThat(ingest()).isEqualTo(ExitCodes.OK);
        String bronze = layout().bronze("deaths");
        long versionBefore = DeltaTable.forPath(spark, bronze).history(1).select("version").head().getLong(0);
        List<Row> februaryBefore = table(bronze).where(col("_period").equalTo("202402")).orderBy("_row_number").collectAsList();
        String oldJanuaryId = manifestByFile().get("health/deaths/deaths_202401.csv").getAs("file_id");

        Path january = landing.resolve("health/deaths/deaths_202401.csv");
        Files.write(january, utf8(DEATHS_HEADER + "\n" + DEATH_1.replace("I21.9", "I21.0") + "\n"));
        Files.setLastModifiedTime(january, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertThat(ingest()).isEqualTo(ExitCodes.OK);

        Dataset<Row> manifest = table(layout().ingestManifest());
        Row old = manifest.where(col("file_id").equalTo(oldJanuaryId)).head();
        Row correction = manifest.where(col("source_name").equalTo("deaths_202401.csv").and(col("status").equalTo("ingested"))).head();
        assertThat(old.<String>getAs("status")).isEqualTo("superseded");
        assertThat(old.<String>getAs("superseded_by")).isEqualTo(correction.getAs("file_id"));
        assertThat(table(bronze).where(col("_period").equalTo("202401")).select("certificate_number", "underlying_cause", "_file_id")
                .collectAsList()).extracting(Row::toString).containsExactly("[D1,I21.0," + correction.getAs("file_id") + "]");
        assertThat(table(bronze).where(col("_period").equalTo("202402")).orderBy("_row_number").collectAsList()).isEqualTo(februaryBefore);
        Row commit = DeltaTable.forPath(spark, bronze).history(1).head();
        assertThat(commit.<Long>getAs("version")).isEqualTo(versionBefore + 1);
        assertThat(commit.<String>getAs("userMetadata")).contains("\"run_id\":\"" + correction.getAs("batch_id") + "\"");
        assertThat(DeltaTable.forPath(spark, bronze).history().where(col("timestamp").isNotNull()).count()).isEqualTo(versionBefore + 2);
        assertThat(table(bronze).count()).isEqualTo(2);

        // A run that crashed after writing bronze and quarantine but before its manifest commit: rows of a new
        // landing file, and of a file that is not even in the landing any more, with no manifest row.
        byte[] march = utf8(DEATHS_HEADER + "\n" + DEATH_1.replace("D1", "M1") + "\nM2,1\n");
        deliver("health/deaths/deaths_202403.csv", march);
        String marchId = DeliveryReader.fileId("deaths_202403.csv", FileDecoder.sha256(march));
        spark.conf().set(SparkSessions.COMMIT_METADATA, "{\"run_id\":\"20260101T000000Z-crashed\",\"command\":\"ingest\"}");
        Dataset<Row> template = table(bronze).where(col("_period").equalTo("202402")).limit(1);
        template.withColumn("_file_id", lit(marchId)).withColumn("_source_name", lit("deaths_202403.csv"))
                .unionAll(template.withColumn("_file_id", lit("vanished")).withColumn("_source_name", lit("deaths_202312.csv")))
                .write().format("delta").mode("append").save(bronze);
        table(layout().quarantine()).limit(1).withColumn("file_id", lit(marchId)).write().format("delta").mode("append")
                .save(layout().quarantine());

        assertThat(ingest()).isEqualTo(ExitCodes.OK);

        assertThat(table(bronze).where(col("_file_id").equalTo("vanished")).count()).isZero();
        assertThat(table(bronze).where(col("_file_id").equalTo(marchId)).select("certificate_number").collectAsList())
                .extracting(Row::toString).containsExactly("[M1]");
        assertThat(table(layout().quarantine()).where(col("file_id").equalTo(marchId)).select("row_number").collectAsList())
                .extracting(Row::toString).containsExactly("[3]");
        assertEveryIngestedFileBalances();
    }

    @Test
    void anIngestWithNothingNewReadsNoDataFile() throws IOException {
        deliver("health/deaths/deaths_202401.csv", utf8(DEATHS_HEADER + "\n" + DEATH_1 + "\nD3,1,2\n" + DEATH_2 + "\n"));
        deliver("education/rolls/rolls_2024.jsonl", utf8(ROLL + "\n"));
        String bronze = Path.of(layout().bronze("deaths")).toString();
        String quarantine = Path.of(layout().quarantine()).toString();

        List<String> firstRun = OpenedFiles.during(spark, () -> assertThat(ingest()).isEqualTo(ExitCodes.OK));
        List<String> secondRun = OpenedFiles.during(spark, () -> assertThat(ingest()).isEqualTo(ExitCodes.OK));

        // the first run shows the counting sees what an ingest opens: the landing files and the tables' data files
        assertThat(firstRun).anyMatch(path -> path.startsWith(landing.toString()));
        assertThat(firstRun).anyMatch(path -> isDataFile(path, bronze));
        assertThat(firstRun).anyMatch(path -> isDataFile(path, quarantine));
        assertThat(secondRun).noneMatch(path -> path.startsWith(landing.toString()))
                .noneMatch(path -> isDataFile(path, Path.of(layout().bronze("rolls")).getParent().toString()));
        assertEveryIngestedFileBalances();
    }

    /** A Parquet file of a table under the folder, not of its Delta log (whose checkpoints are Parquet too). */
    private static boolean isDataFile(String path, String folder) {
        return path.startsWith(folder + "/") && path.endsWith(".parquet") && !path.contains("/_delta_log/");
    }

    private static List<String> warningsOf(Row manifestRow) {
        int index = manifestRow.fieldIndex("ingest_warnings");
        return manifestRow.isNullAt(index) ? List.of() : manifestRow.getList(index);
    }
}
