package cn.hangzhou.indicators.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hangzhou.indicators.testing.SharedSpark;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Spark's parser gives back exactly the text quoted; the doubling it replaced does not. */
class SqlLiteralsTest {

    private static final List<String> AWKWARD = List.of("it's", "'; DROP TABLE silver.deaths; --", "back\\slash\\'", "`tick`",
            "\\u0041", "line\nbreak", "困难残疾人生活补贴", "🀄", "-- not a comment", "/* nor this */", "");

    @Test
    void aStringLiteralReadsBackAsTheSameText() {
        SparkSession spark = SharedSpark.session();
        StringBuilder select = new StringBuilder("SELECT ");
        for (int i = 0; i < AWKWARD.size(); i++) {
            select.append(i == 0 ? "" : ", ").append(SqlLiterals.stringLiteral(AWKWARD.get(i))).append(" AS c").append(i);
        }
        Row row = spark.sql(select.toString()).first();
        for (int i = 0; i < AWKWARD.size(); i++) {
            assertThat(row.getString(i)).isEqualTo(AWKWARD.get(i));
        }
        assertThat(spark.sql("SELECT count(*) FROM VALUES ('it''s'), ('x') AS t(v) WHERE v IN " + SqlLiterals.stringList(List.of("it's")))
                .first().getLong(0)).as("the value with a quote is found").isZero();
        // the doubling used before: Spark joins 'it' and 's'
        assertThat(spark.sql("SELECT 'it''s'").first().getString(0)).isEqualTo("its");
    }

    @Test
    void anIdentifierNamesTheColumnItsTextSays() {
        SparkSession spark = SharedSpark.session();
        Row row = spark.sql("SELECT 1 AS " + SqlLiterals.identifier("a`b; c") + ", 2 AS " + SqlLiterals.identifier("select")).first();
        assertThat(row.schema().fieldNames()).containsExactly("a`b; c", "select");
        assertThat(SqlLiterals.qualifiedName("gold", "published_indicators")).isEqualTo("`gold`.`published_indicators`");
    }

    @Test
    void emptyListsAndNullsAreRefused() {
        assertThatThrownBy(() -> SqlLiterals.stringList(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlLiterals.stringLiteral(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
