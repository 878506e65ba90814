package cn.hangzhou.indicators.conform;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.testing.SharedSpark;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class EmbeddedIdentifierGuardTest {

    private static final Pseudonymiser PSEUDONYMISER = new Pseudonymiser("a test key of at least 32 characters".getBytes(StandardCharsets.UTF_8));
    private static final String ID = "11010519491231002x";

    @Test
    void textEmbeddingAnIdNumberIsPseudonymisedAndEverythingElseKept() {
        SparkSession spark = SharedSpark.session();
        StructType schema = new StructType().add("student_number", DataTypes.StringType)
                .add("person_key", DataTypes.StringType).add("grade", DataTypes.IntegerType);
        List<Row> input = List.of(
                RowFactory.create("G" + ID, "1234567890123456789012345678901234567890123456789012345678901234", 1),
                RowFactory.create(" g" + ID + " ", null, 2),
                RowFactory.create("XJ2024000000001", null, 3),
                RowFactory.create("N1101051949123100211", null, 4),  // 19 digits: not an ID number
                RowFactory.create(null, null, 5));
        Dataset<Row> guarded = new EmbeddedIdentifierGuard(PSEUDONYMISER).apply(spark.createDataFrame(input, schema));

        List<Row> rows = guarded.orderBy("grade").collectAsList();
        String pseudonym = EmbeddedIdentifierGuard.PREFIX + PSEUDONYMISER.hmac("G" + ID.toUpperCase());
        assertThat(rows.stream().map(row -> row.<String>getAs("student_number")).toList())
                .isEqualTo(Arrays.asList(pseudonym, pseudonym, "XJ2024000000001", "N1101051949123100211", null));
        // a key column is a hash already, even where it holds 18 digits in a row
        assertThat(rows.get(0).<String>getAs("person_key")).isEqualTo(input.get(0).getString(1));
        assertThat(guarded.schema()).isEqualTo(schema);
    }
}
