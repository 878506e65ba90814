package cn.hangzhou.indicators.ingest;

import static cn.hangzhou.indicators.ingest.Deliveries.ENROLMENTS_HEADER;
import static cn.hangzhou.indicators.ingest.Deliveries.format;
import static cn.hangzhou.indicators.ingest.Deliveries.gbk;
import static cn.hangzhou.indicators.ingest.Deliveries.gzip;
import static cn.hangzhou.indicators.ingest.Deliveries.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Both passes of the reader over files in the wrong encoding or without header: every row read, with a warning. */
class DeliveryReaderTest {

    private static final String RESIDENTS_HEADER = "档案编号,身份证号,姓名,性别,出生日期,常住区划,户籍类型,建档日期,档案状态";
    private static final String RESIDENT_1 = "HZ330102000000001,330102194001011234,张三,1,1940-01-01,330102,1,2010-01-01,1";
    private static final String RESIDENT_2 = "HZ330102000000002,330102195002021234,李四,2,1950-02-02,330102,1,2011-01-01,1";
    private static final String ENROLMENT = "330102194001011234|王芳|110|1|20200101||330102|8500.00";

    /** The reader's rows of one file: the file row, then records, then quarantined rows. */
    private static List<Row> read(String extractId, String fileName, byte[] delivered) {
        DeliveryFormat format = format(extractId);
        String[] id = extractId.split("/");
        LandingFile file = new LandingFile("/landing/" + extractId + "/" + fileName, fileName, fileName.replaceAll("\\.gz$", ""),
                id[0], id[1], "202401", null, delivered.length, 0);
        return DeliveryReader.rows(file, delivered, format);
    }

    private static Object field(Row row, String name) {
        return row.get(DeliveryReader.SCHEMA.fieldIndex(name));
    }

    private static List<String> values(Row row) {
        return row.getList(DeliveryReader.SCHEMA.fieldIndex("values"));
    }

    private static List<String> warnings(Row fileRow) {
        return fileRow.isNullAt(DeliveryReader.SCHEMA.fieldIndex("warnings")) ? List.of()
                : fileRow.getList(DeliveryReader.SCHEMA.fieldIndex("warnings"));
    }

    /** rows_read of the file row = the record and quarantined rows the second pass streams. */
    private static void assertBalanced(List<Row> rows) {
        Row summary = rows.get(0);
        assertThat(field(summary, "error_message")).isNull();
        long records = rows.stream().filter(row -> field(row, "kind").equals(DeliveryReader.RECORD)).count();
        long quarantined = rows.stream().filter(row -> field(row, "kind").equals(DeliveryReader.QUARANTINED)).count();
        assertThat(records + quarantined).isEqualTo(field(summary, "rows_read"));
        assertThat(quarantined).isEqualTo(field(summary, "rows_quarantined"));
    }

    @Test
    void aGzippedGbkFileWhereUtf8IsExpectedIsReadWholeAsGbkWithAWarning() {
        List<Row> rows = read("health/residents", "residents_202401.csv.gz",
                gzip(gbk(RESIDENTS_HEADER + "\r\n" + RESIDENT_1 + "\r\n" + RESIDENT_2 + "\r\n")));
        assertBalanced(rows);
        assertThat(field(rows.get(0), "encoding")).isEqualTo("GBK");
        assertThat(warnings(rows.get(0))).containsExactly(
                "wrong encoding: expected UTF-8, decoded as GBK (its header line is the expected header only in GBK)");
        assertThat(rows.subList(1, rows.size())).extracting(row -> values(row).get(2)).containsExactly("张三", "李四");
        assertThat(rows.subList(1, rows.size())).extracting(row -> field(row, "row_number")).containsExactly(2L, 3L);
    }

    @Test
    void aUtf8FileWhereGbkIsExpectedIsReadWholeAsUtf8WithAWarning() {
        List<Row> rows = read("insurance/enrolments", "enrolments_2024_330102.txt", utf8(ENROLMENTS_HEADER + "\n" + ENROLMENT + "\n"
                + "330102194001011234|张三|110|1|20200101||330102\n"));
        assertBalanced(rows);
        assertThat(field(rows.get(0), "encoding")).isEqualTo("UTF-8");
        assertThat(warnings(rows.get(0))).singleElement().asString().startsWith("wrong encoding: expected GBK, decoded as UTF-8");
        assertThat(values(rows.get(1)).get(1)).isEqualTo("王芳");
        assertThat(field(rows.get(2), "kind")).isEqualTo(DeliveryReader.QUARANTINED);
        assertThat(field(rows.get(2), "raw_text")).asString().contains("张三");
    }

    @Test
    void aHeaderLessGbkFileWhereUtf8IsExpectedIsReadWithBothWarningsAndLineOneAsRowOne() {
        List<Row> rows = read("health/residents", "residents_202401.csv", gbk(RESIDENT_1 + "\n" + RESIDENT_2 + "\n"));
        assertBalanced(rows);
        assertThat(warnings(rows.get(0))).hasSize(2);
        assertThat(warnings(rows.get(0)).get(0)).startsWith("wrong encoding: expected UTF-8, decoded as GBK");
        assertThat(warnings(rows.get(0)).get(1)).startsWith("missing header: line 1");
        assertThat(rows.subList(1, rows.size())).extracting(row -> field(row, "row_number")).containsExactly(1L, 2L);
        assertThat(rows.subList(1, rows.size())).extracting(row -> values(row).get(2)).containsExactly("张三", "李四");
    }

    @Test
    void aFileInTheRightEncodingWithItsHeaderHasNoWarning() {
        List<Row> rows = read("health/residents", "residents_202401.csv", utf8(RESIDENTS_HEADER + "\n" + RESIDENT_1 + "\n"));
        assertBalanced(rows);
        assertThat(field(rows.get(0), "encoding")).isNull();
        assertThat(warnings(rows.get(0))).isEmpty();
    }

    @Test
    void aFileInNeitherEncodingIsRejectedWithoutRows() {
        byte[] neither = Deliveries.concat(new byte[] {(byte) 0xFF, (byte) 0x80, ','}, utf8(RESIDENT_1 + "\n"));
        List<Row> rows = read("health/residents", "residents_202401.csv", neither);
        assertThat(rows).singleElement().satisfies(row -> assertThat(field(row, "error_message")).asString()
                .startsWith("the header is not valid UTF-8"));
    }
}
