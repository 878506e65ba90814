package cn.hangzhou.indicators.ingest;

import static cn.hangzhou.indicators.ingest.Deliveries.DEATHS_HEADER;
import static cn.hangzhou.indicators.ingest.Deliveries.ENROLMENTS_HEADER;
import static cn.hangzhou.indicators.ingest.Deliveries.concat;
import static cn.hangzhou.indicators.ingest.Deliveries.format;
import static cn.hangzhou.indicators.ingest.Deliveries.gbk;
import static cn.hangzhou.indicators.ingest.Deliveries.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DelimitedFileParserTest {

    private static final String DEATH_1 = "D1,330102194001011234,1,1940-01-01,2024-01-05,330102,I21.9";
    private static final String DEATH_2 = "D2,,2,1950-02-02,2024-01-06,330105,C34.1";
    private static final String ENROLMENT = "330102194001011234|张三|110|1|20200101||330102|8500.00";

    private static ParsedFile parse(String extractId, byte[] content) throws FileRejectedException {
        return new DelimitedFileParser(format(extractId)).parse(content);
    }

    @Test
    void recordsAreNumberedByPhysicalLineWithTheHeaderAsLineOneAndKeptAsDelivered() throws Exception {
        ParsedFile parsed = parse("health/deaths", utf8(DEATHS_HEADER + "\n" + DEATH_1 + "\n" + " D2 ,,2,1950-02-02,2024-01-06,330105,C34.1\n"));
        assertThat(parsed.records()).extracting(ParsedFile.Record::rowNumber).containsExactly(2L, 3L);
        assertThat(parsed.records().get(1).values()).containsExactly(" D2 ", "", "2", "1950-02-02", "2024-01-06", "330105", "C34.1");
        assertThat(parsed.quarantined()).isEmpty();
        assertThat(parsed.extraColumns()).isEmpty();
    }

    @Test
    void byteOrderMarkAndCrlfAreRemovedFromHeaderAndValues() throws Exception {
        String header = "档案编号,身份证号,姓名,性别,出生日期,常住区划,户籍类型,建档日期,档案状态";
        String row = "HZ330102000000001,330102194001011234,张三,1,1940-01-01,330102,1,2010-01-01,1";
        ParsedFile parsed = parse("health/residents", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                utf8(header + "\r\n" + row + "\r\n")));
        assertThat(parsed.records()).hasSize(1);
        assertThat(parsed.records().get(0).values()[8]).isEqualTo("1");
        assertThat(parsed.records().get(0).values()[0]).isEqualTo("HZ330102000000001");
    }

    @Test
    void aQuotedFieldWithAnEmbeddedNewlineIsOneRecordNumberedByItsFirstLine() throws Exception {
        ParsedFile parsed = parse("health/childcare", utf8("机构代码,机构名称,所在区划,核定托位数,备案日期,机构状态\r\n"
                + "C1,\"阳光\r\n托育\",330102,50,2020-01-01,正常运营\r\n"
                + "C2,\"小\"\"星\"\"\",330105,30,2021-01-01,停业\r\n"));
        assertThat(parsed.records()).extracting(ParsedFile.Record::rowNumber).containsExactly(2L, 4L);
        assertThat(parsed.records().get(0).values()[1]).isEqualTo("阳光\r\n托育");
        assertThat(parsed.records().get(1).values()[1]).isEqualTo("小\"星\"");
    }

    @Test
    void anUnbalancedQuoteQuarantinesItsLineOnlyAndTheNextLinesAreRead() throws Exception {
        String payments = "流水号,原流水号,身份证号,救助类别,发放年月,发放金额,保障人数,月保障标准,区划\n";
        ParsedFile parsed = parse("assistance/payments", utf8(payments
                + "P1,,330102194001011234,\"低保,202401,\"1,234.50\",2,\"1,100.00\",330102\n"
                + "P2,,330102194001011234,低保,202401,\"1,234.50\",2,\"1,100.00\",330102\n"
                + "P3,,330102194001011234,临时救助,202401,500.00,,,330102\n"));
        assertThat(parsed.quarantined()).singleElement().satisfies(row -> {
            assertThat(row.rowNumber()).isEqualTo(2);
            assertThat(row.reasons()).first().asString().startsWith("unbalanced_quotes");
            assertThat(row.rawText()).startsWith("P1,");
        });
        assertThat(parsed.records()).extracting(ParsedFile.Record::rowNumber).containsExactly(3L, 4L);
        assertThat(parsed.records().get(0).values()[5]).isEqualTo("1,234.50");
    }

    @Test
    void aQuoteLeftOpenUntilTheEndOfTheFileIsUnbalanced() throws Exception {
        ParsedFile parsed = parse("health/deaths", utf8(DEATHS_HEADER + "\n" + DEATH_1 + "\nD2,\"3301,2,1950-02-02,2024-01-06,330105,C34.1\n"));
        assertThat(parsed.records()).hasSize(1);
        assertThat(parsed.quarantined()).singleElement().satisfies(row -> {
            assertThat(row.rowNumber()).isEqualTo(3);
            assertThat(row.reasons()).containsExactly("unbalanced_quotes");
        });
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsIsQuarantinedWithTheCounts() throws Exception {
        ParsedFile parsed = parse("health/deaths", utf8(DEATHS_HEADER + "\n" + DEATH_1 + ",extra\nD3,1,2\n" + DEATH_2));
        assertThat(parsed.records()).extracting(ParsedFile.Record::rowNumber).containsExactly(4L);
        assertThat(parsed.quarantined()).extracting(ParsedFile.QuarantinedRecord::reasons)
                .containsExactly(List.of("field_count:expected 7 got 8"), List.of("field_count:expected 7 got 3"));
        assertThat(parsed.quarantined().get(1).rawText()).isEqualTo("D3,1,2");
        assertThat(parsed.rowsRead()).isEqualTo(3);
    }

    @Test
    void columnsAreMappedByHeaderTextWhateverTheirOrder() throws Exception {
        ParsedFile parsed = parse("health/deaths", utf8("根本死因, 常住区划 ,死亡日期,出生日期,性别,身份证号,证明编号\n"
                + "I21.9,330102,2024-01-05,1940-01-01,1,330102194001011234,D1\n"));
        assertThat(parsed.records().get(0).values())
                .containsExactly("D1", "330102194001011234", "1", "1940-01-01", "2024-01-05", "330102", "I21.9");
    }

    @Test
    void anUnannouncedColumnIsKeptAsAnExtraValue() throws Exception {
        ParsedFile parsed = parse("health/deaths", utf8(DEATHS_HEADER + ",备注\n" + DEATH_1 + ",见附件\n"));
        assertThat(parsed.extraColumns()).containsExactly("备注");
        assertThat(parsed.records().get(0).extraValues()).isEqualTo(Map.of("备注", "见附件"));
        assertThat(parsed.records().get(0).values()[6]).isEqualTo("I21.9");
    }

    @Test
    void aMissingColumnRejectsTheFileAndNamesTheColumn() {
        assertThatThrownBy(() -> parse("health/deaths", utf8("证明编号,性别,出生日期,死亡日期,常住区划,根本死因\nD1,1,1940-01-01,2024-01-05,330102,I21.9\n")))
                .isInstanceOf(FileRejectedException.class)
                .hasMessageContaining("missing column 身份证号 (id_number)");
    }

    @Test
    void aFileStartingWithADataRowIsReadInTheContractOrderWithLineOneAsDataRowOne() throws Exception {
        RecordStream stream = new DelimitedFileParser(format("health/deaths")).open(
                new java.io.ByteArrayInputStream(utf8(DEATH_1 + "\n" + DEATH_2 + "\n")));
        List<ParsedFile.Record> records = List.of((ParsedFile.Record) stream.next(), (ParsedFile.Record) stream.next());
        assertThat(stream.next()).isNull();
        assertThat(stream.finish()).isEmpty();
        assertThat(records).extracting(ParsedFile.Record::rowNumber).containsExactly(1L, 2L);
        assertThat(records.get(0).values()).containsExactly(DEATH_1.split(","));
        assertThat(records.get(1).values()[6]).isEqualTo("C34.1");
        assertThat(stream.warnings()).singleElement().asString()
                .startsWith("missing header: line 1 names none of the expected columns but has their number of fields (7)");
    }

    @Test
    void aFirstLineNamingNoExpectedColumnWithAnotherFieldCountStillRejectsTheFile() {
        assertThatThrownBy(() -> parse("health/deaths", utf8("D1,330102194001011234,1,1940-01-01,2024-01-05,330102\n" + DEATH_2 + "\n")))
                .isInstanceOf(FileRejectedException.class)
                .isNotInstanceOf(WrongEncodingException.class)
                .hasMessageContaining("missing or unrecognisable header: line 1 names none of the expected columns")
                .hasMessageContaining("has 6 fields, not 7");
    }

    @Test
    void aHeaderOnlyFileIsAValidEmptyDelivery() throws Exception {
        ParsedFile parsed = parse("health/deaths", utf8(DEATHS_HEADER + "\n"));
        assertThat(parsed.rowsRead()).isZero();
    }

    @Test
    void aFileOfOnlyAByteOrderMarkIsEmpty() {
        assertThatThrownBy(() -> parse("health/deaths", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}))
                .isInstanceOf(FileRejectedException.class).hasMessageContaining("empty file");
    }

    @Test
    void aGbkFileWhereUtf8IsExpectedIsFoundToBeGbk() {
        assertThatThrownBy(() -> parse("health/deaths", gbk(DEATHS_HEADER + "\n" + DEATH_1 + "\n")))
                .isInstanceOfSatisfying(WrongEncodingException.class, e -> assertThat(e.detected().name()).isEqualTo("GBK"))
                .hasMessageContaining("its header line is the expected header only in GBK");
    }

    @Test
    void aUtf8FileWhereGbkIsExpectedIsFoundToBeUtf8() {
        assertThatThrownBy(() -> parse("insurance/enrolments", utf8(ENROLMENTS_HEADER + "\n" + ENROLMENT + "\n")))
                .isInstanceOfSatisfying(WrongEncodingException.class, e -> assertThat(e.detected().name()).isEqualTo("UTF-8"))
                .hasMessageContaining("its header line is the expected header only in UTF-8");
    }

    @Test
    void aHeaderLessUtf8FileWhereGbkIsExpectedIsFoundToBeUtf8ThoughGbkDecodesIt() {
        byte[] content = utf8(ENROLMENT + "\n");
        assertThat(FileDecoder.decodeStrictly(content, Deliveries.GBK)).as("UTF-8 Chinese that GBK decodes into nonsense").isPresent();
        assertThatThrownBy(() -> parse("insurance/enrolments", content))
                .isInstanceOfSatisfying(WrongEncodingException.class, e -> assertThat(e.detected().name()).isEqualTo("UTF-8"))
                .hasMessageContaining("a data row without header");
    }

    @Test
    void aHeaderLessGbkFileWhereUtf8IsExpectedIsFoundToBeGbk() {
        assertThatThrownBy(() -> parse("health/deaths", gbk("D1,,2,1950-02-02,2024-01-06,330105,死因\n")))
                .isInstanceOfSatisfying(WrongEncodingException.class, e -> assertThat(e.detected().name()).isEqualTo("GBK"))
                .hasMessageContaining("a data row without header");
    }

    @Test
    void aFileInNeitherEncodingIsStillRejected() {
        byte[] neither = concat(new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0x80, ','}, utf8("x\n" + DEATH_1 + "\n"));
        assertThatThrownBy(() -> parse("health/deaths", neither))
                .isInstanceOf(FileRejectedException.class)
                .isNotInstanceOf(WrongEncodingException.class)
                .hasMessageStartingWith("the header is not valid UTF-8");
        assertThatThrownBy(() -> parse("insurance/enrolments", neither))
                .isInstanceOf(FileRejectedException.class)
                .isNotInstanceOf(WrongEncodingException.class)
                .hasMessageStartingWith("the header is not valid GBK");
    }

    @Test
    void gbkWithoutQuotingTakesQuotesAsText() throws Exception {
        ParsedFile parsed = parse("insurance/enrolments", gbk(ENROLMENTS_HEADER + "\n330102194001011234|\"张|三|110|1|20200101||330102|\n"
                + "330102194001011234|\"张三|110|1|20200101||330102|\n"));
        assertThat(parsed.quarantined()).singleElement().satisfies(row -> {
            assertThat(row.reasons()).containsExactly("field_count:expected 8 got 9");
            assertThat(row.rawText()).isEqualTo("330102194001011234|\"张|三|110|1|20200101||330102|");
        });
        assertThat(parsed.records().get(0).values()[1]).isEqualTo("\"张三");
    }

    @Test
    void aFewUndecodableBytesQuarantineTheirRowOnly() throws Exception {
        byte[] content = concat(utf8(DEATHS_HEADER + "\n" + DEATH_1 + "\n"), gbk("D2,,2,1950-02-02,2024-01-06,330105,死因\n"),
                utf8(DEATH_2 + "\n"));
        ParsedFile parsed = parse("health/deaths", content);
        assertThat(parsed.records()).extracting(ParsedFile.Record::rowNumber).containsExactly(2L, 4L);
        assertThat(parsed.quarantined()).singleElement().satisfies(row -> {
            assertThat(row.rowNumber()).isEqualTo(3);
            assertThat(row.reasons()).containsExactly("undecodable_bytes");
        });
    }

    @Test
    void mostlyUndecodableRowsRejectTheFileAsWronglyEncoded() {
        byte[] content = concat(utf8(DEATHS_HEADER + "\n"), gbk("D1,,2,1950-02-02,2024-01-06,330105,死因\nD2,,1,1950-02-02,2024-01-06,330105,死因\n"));
        assertThatThrownBy(() -> parse("health/deaths", content))
                .isInstanceOf(FileRejectedException.class)
                .hasMessageContaining("wrong encoding: 2 of 2 records are not valid UTF-8");
    }
}
