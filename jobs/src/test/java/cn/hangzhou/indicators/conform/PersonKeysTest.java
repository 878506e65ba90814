package cn.hangzhou.indicators.conform;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.testing.BronzeFixtures;
import cn.hangzhou.indicators.testing.SharedSpark;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class PersonKeysTest {

    private static final Pseudonymiser PSEUDONYMISER = new Pseudonymiser("a test key of at least 32 characters".getBytes(StandardCharsets.UTF_8));
    private static final String WOMAN = BronzeFixtures.idNumber("330102", "19800229", "002");
    private static final String MAN = BronzeFixtures.idNumber("330104", "20230115", "013");

    private final SparkSession spark = SharedSpark.session();

    @Test
    void aValidNumberGetsItsKeyAndSexAndBirthDateFromTheNumber() {
        Map<String, Row> rows = keyed(List.of(RowFactory.create("woman", WOMAN), RowFactory.create("man", " " + MAN.toLowerCase() + "\t"),
                RowFactory.create("bad check", WOMAN.substring(0, 17) + (WOMAN.endsWith("0") ? "1" : "0")),
                RowFactory.create("empty", null)), "id_number");
        assertThat(rows.get("woman").<String>getAs("person_key")).isEqualTo(PSEUDONYMISER.personKey(WOMAN));
        assertThat(rows.get("woman").<Boolean>getAs("id_valid")).isTrue();
        assertThat(rows.get("woman").<String>getAs("sex")).isEqualTo("2");
        assertThat(rows.get("woman").<Date>getAs("birth_date")).isEqualTo(Date.valueOf("1980-02-29"));
        assertThat(rows.get("man").<String>getAs("person_key")).isEqualTo(PSEUDONYMISER.personKey(MAN));
        assertThat(rows.get("man").<String>getAs("sex")).isEqualTo("1");
        assertThat(rows.get("man").<Date>getAs("birth_date")).isEqualTo(Date.valueOf("2023-01-15"));
        for (String invalid : List.of("bad check", "empty")) {
            assertThat(rows.get(invalid).<String>getAs("person_key")).isNull();
            assertThat(rows.get(invalid).<Boolean>getAs("id_valid")).isFalse();
            assertThat(rows.get(invalid).<String>getAs("sex")).isNull();
        }
        assertThat(rows.get("woman").schema().fieldNames()).doesNotContain("id_number");
    }

    @Test
    void theDepartmentsSexAndBirthDateAreKeptWhereGiven() {
        StructType schema = new StructType().add("label", DataTypes.StringType).add("id_number", DataTypes.StringType)
                .add("sex", DataTypes.StringType).add("birth_date", DataTypes.DateType);
        Dataset<Row> input = spark.createDataFrame(List.of(
                RowFactory.create("given", WOMAN, "1", Date.valueOf("1980-03-01")),
                RowFactory.create("missing", WOMAN, null, null)), schema);
        Map<String, Row> rows = byLabel(new PersonKeys(PSEUDONYMISER).apply(input, "id_number"));
        assertThat(rows.get("given").<String>getAs("sex")).isEqualTo("1");
        assertThat(rows.get("given").<Date>getAs("birth_date")).isEqualTo(Date.valueOf("1980-03-01"));
        assertThat(rows.get("missing").<String>getAs("sex")).isEqualTo("2");
        assertThat(rows.get("missing").<Date>getAs("birth_date")).isEqualTo(Date.valueOf("1980-02-29"));
    }

    @Test
    void forDeathsTheBirthDateOfAValidIdNumberComesFirst() {
        StructType schema = new StructType().add("label", DataTypes.StringType).add("id_number", DataTypes.StringType)
                .add("sex", DataTypes.StringType).add("birth_date", DataTypes.DateType);
        Dataset<Row> input = spark.createDataFrame(List.of(
                RowFactory.create("valid", WOMAN, "2", Date.valueOf("2024-05-30")),   // the certificate's date is wrong
                RowFactory.create("invalid", "110105194912310021", "1", Date.valueOf("1949-12-31"))), schema);
        Map<String, Row> rows = byLabel(new PersonKeys(PSEUDONYMISER).apply(input, "id_number", true));
        assertThat(rows.get("valid").<Date>getAs("birth_date")).isEqualTo(Date.valueOf("1980-02-29"));
        assertThat(rows.get("invalid").<Date>getAs("birth_date")).isEqualTo(Date.valueOf("1949-12-31"));
    }

    private Map<String, Row> keyed(List<Row> input, String idColumn) {
        StructType schema = new StructType().add("label", DataTypes.StringType).add(idColumn, DataTypes.StringType);
        return byLabel(new PersonKeys(PSEUDONYMISER).apply(spark.createDataFrame(input, schema), idColumn));
    }

    private static Map<String, Row> byLabel(Dataset<Row> rows) {
        assertThat(Arrays.asList(rows.columns())).contains("person_key", "id_valid", "sex", "birth_date");
        return rows.collectAsList().stream().collect(Collectors.toMap(row -> row.getAs("label"), row -> row));
    }
}
