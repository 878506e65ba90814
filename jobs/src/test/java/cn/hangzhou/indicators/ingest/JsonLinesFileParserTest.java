package cn.hangzhou.indicators.ingest;

import static cn.hangzhou.indicators.ingest.Deliveries.concat;
import static cn.hangzhou.indicators.ingest.Deliveries.format;
import static cn.hangzhou.indicators.ingest.Deliveries.gbk;
import static cn.hangzhou.indicators.ingest.Deliveries.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLinesFileParserTest {

    private static final String ROLL = "{\"xjh\":\"S1\",\"sfzh\":\"330102201001011234\",\"xxbsm\":\"3301020001\",\"nj\":\"11\","
            + "\"xn\":\"2024-2025\",\"zt\":\"在读\",\"sbjd\":false,\"rxrq\":\"2024-09-01\"}";

    private static ParsedFile parse(String text) throws FileRejectedException {
        return new JsonLinesFileParser(format("education/rolls")).parse(utf8(text));
    }

    @Test
    void valuesAreTakenByKeyNumbersAndBooleansAsTheirJsonText() throws Exception {
        ParsedFile parsed = parse("{\"rxrq\":\"2024-09-01\",\"sbjd\":true,\"xjh\":\"S2\",\"nj\":11}\n" + ROLL + "\n");
        assertThat(parsed.records()).extracting(ParsedFile.Record::rowNumber).containsExactly(1L, 2L);
        assertThat(parsed.records().get(0).values()).containsExactly("S2", null, null, "11", null, null, "true", "2024-09-01");
        assertThat(parsed.records().get(1).values()[5]).isEqualTo("在读");
    }

    @Test
    void malformedJsonAndNonObjectsAreQuarantinedWithTheirLineNumber() throws Exception {
        ParsedFile parsed = parse(ROLL + "\n{\"xjh\":\"S2\",\n[1,2]\n\"text\"\n" + ROLL + " trailing\n");
        assertThat(parsed.records()).extracting(ParsedFile.Record::rowNumber).containsExactly(1L);
        assertThat(parsed.quarantined()).extracting(ParsedFile.QuarantinedRecord::rowNumber).containsExactly(2L, 3L, 4L, 5L);
        assertThat(parsed.quarantined()).allSatisfy(row -> assertThat(row.reasons()).singleElement().asString().startsWith("malformed_json"));
        assertThat(parsed.quarantined().get(1).reasons()).containsExactly("malformed_json:not an object but array");
        assertThat(parsed.quarantined().get(0).reasons()).containsExactly("malformed_json:unexpected end-of-input within/between object entries");
        assertThat(parsed.quarantined().get(2).reasons()).singleElement().asString().doesNotContain("text");
    }

    @Test
    void anUnknownKeyIsAnExtraColumn() throws Exception {
        ParsedFile parsed = parse(ROLL.replace("}", ",\"bz\":\"备注\"}") + "\n");
        assertThat(parsed.extraColumns()).containsExactly("bz");
        assertThat(parsed.records().get(0).extraValues()).isEqualTo(Map.of("bz", "备注"));
    }

    @Test
    void mostRecordsInGbkWhereUtf8IsExpectedNameGbkOnlyAtTheEnd() throws Exception {
        RecordStream stream = new JsonLinesFileParser(format("education/rolls"))
                .open(new java.io.ByteArrayInputStream(concat(gbk(ROLL + "\n" + ROLL + "\n"), utf8(ROLL + "\n"))));
        for (int record = 0; record < 3; record++) {
            assertThat(stream.next()).isNotNull();
        }
        assertThat(stream.next()).isNull();
        assertThatThrownBy(stream::finish)
                .isInstanceOfSatisfying(WrongEncodingException.class, e -> assertThat(e.detected().name()).isEqualTo("GBK"))
                .hasMessageContaining("2 of 3 records are GBK, not valid UTF-8");
    }

    @Test
    void oneGbkRecordOfThreeIsQuarantinedAndTheFileStaysUtf8() throws Exception {
        ParsedFile parsed = new JsonLinesFileParser(format("education/rolls"))
                .parse(concat(utf8(ROLL + "\n"), gbk(ROLL + "\n"), utf8(ROLL + "\n")));
        assertThat(parsed.records()).hasSize(2);
        assertThat(parsed.quarantined()).singleElement().satisfies(row -> assertThat(row.reasons()).containsExactly("undecodable_bytes"));
    }

    @Test
    void utf8RecordsWhereGbkIsExpectedAreFoundToBeUtf8ThoughGbkDecodesThem() throws Exception {
        DeliveryFormat gbkRolls = format("education/rolls").withEncoding("GBK");
        byte[] content = utf8(ROLL + "\n" + ROLL + "\n");
        assertThat(FileDecoder.decodeStrictly(content, Deliveries.GBK)).as("UTF-8 Chinese that GBK decodes into nonsense").isPresent();
        assertThatThrownBy(() -> new JsonLinesFileParser(gbkRolls).parse(content))
                .isInstanceOfSatisfying(WrongEncodingException.class, e -> assertThat(e.detected().name()).isEqualTo("UTF-8"));
        assertThat(new JsonLinesFileParser(gbkRolls).parse(gbk(ROLL + "\n")).records().get(0).values()[5]).isEqualTo("在读");
    }
}
