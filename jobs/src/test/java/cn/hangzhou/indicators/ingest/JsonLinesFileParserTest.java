package cn.hangzhou.indicators.ingest;

import static cn.hangzhou.indicators.ingest.Deliveries.format;
import static cn.hangzhou.indicators.ingest.Deliveries.utf8;
import static org.assertj.core.api.Assertions.assertThat;

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
}
