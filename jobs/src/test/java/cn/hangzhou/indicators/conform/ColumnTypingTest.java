package cn.hangzhou.indicators.conform;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.config.SchemaCatalog;
import cn.hangzhou.indicators.testing.ProjectFiles;
import cn.hangzhou.indicators.testing.SharedSpark;
import java.math.BigDecimal;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class ColumnTypingTest {

    private static final SchemaCatalog SCHEMAS = ProjectFiles.schemas();
    private final SparkSession spark = SharedSpark.session();

    @Test
    void paymentsAmountsLoseThousandsSeparatorsAndQuotesAndCodesAreTrimmed() {
        Row row = typed("assistance/payments", "P1", "", " 11010519491231002x ", " 低保 ", "202403", "\"1,234.50\"",
                "3", "\"1,010.00\"", "330102 ");
        assertThat(row.<BigDecimal>getAs("amount")).isEqualByComparingTo("1234.50");
        assertThat(row.<BigDecimal>getAs("monthly_standard")).isEqualByComparingTo("1010.00");
        assertThat(row.<Integer>getAs("household_size")).isEqualTo(3);
        assertThat(row.<String>getAs("reversed_payment_id")).isNull();
        assertThat(row.<String>getAs("programme")).isEqualTo("低保");
        assertThat(row.<String>getAs("district")).isEqualTo("330102");
        assertThat(row.<String>getAs("id_number")).isEqualTo("11010519491231002X");
        assertThat(row.<String>getAs("payment_month")).isEqualTo("202403");
        assertThat(typed("assistance/payments", "P2", "P1", "x", "低保", "202413", "-1,234.5", "", "", "330102")
                .<BigDecimal>getAs("amount")).isEqualByComparingTo("-1234.50");
        assertThat(typed("assistance/payments", "P2", "P1", "x", "低保", "202413", "12a", "", "", "330102")
                .<String>getAs("payment_month")).isNull();
    }

    @Test
    void datesFollowTheirColumnsFormatAndImpossibleDatesBecomeNullWhileTheRowStays() {
        Row elderly = typed("health/elderly_checkups", "E1", "x", "2024/03/05", "F1", "是");
        assertThat(elderly.<Date>getAs("check_date")).isEqualTo(Date.valueOf("2024-03-05"));
        assertThat(elderly.<Boolean>getAs("tcm_constitution_assessed")).isTrue();
        Row impossible = typed("health/child_checkups", "C1", "x", "2024-02-30", "F1", "02", "14");
        assertThat(impossible.<Date>getAs("check_date")).isNull();
        assertThat(impossible.<String>getAs("record_id")).isEqualTo("C1");
        assertThat(impossible.<Integer>getAs("age_months")).isEqualTo(14);
        Row enrolment = typed("insurance/enrolments", "x", "name", "410", "1", "20240229", "", "330102", "8500.00");
        assertThat(enrolment.<Date>getAs("enrolment_date")).isEqualTo(Date.valueOf("2024-02-29"));
        assertThat(enrolment.<Date>getAs("termination_date")).isNull();
        assertThat(typed("health/elderly_checkups", "E1", "x", "2024-03-05", "F1", "否")
                .<Date>getAs("check_date")).isNull();
    }

    @Test
    void booleansIntegersAndOpenAges() {
        Row roll = typed("education/rolls", "S1", "x", "3301020001", "11", "2024-2025", "在读", "TRUE", "2024-09-01");
        assertThat(roll.<Boolean>getAs("mainstream_with_disability")).isTrue();
        Row school = typed("education/schools", "3301020001", "A school", "330102", "01", "1", "否");
        assertThat(school.<Boolean>getAs("inclusive")).isFalse();
        assertThat(typed("education/schools", "3301020001", "A school", "330102", "01", "1", "")
                .<Boolean>getAs("inclusive")).isNull();
        Row oldest = typed("reference/population", "2024", "330102", "2", "100+", "1,234");
        assertThat(oldest.<Integer>getAs("age")).isEqualTo(100);
        assertThat(oldest.<Boolean>getAs("age_open")).isTrue();
        assertThat(oldest.<Integer>getAs("persons")).isEqualTo(1234);
        assertThat(oldest.<Integer>getAs("year")).isEqualTo(2024);
        Row young = typed("reference/population", "2024", "330102", "2", " 7 ", "-5x");
        assertThat(young.<Integer>getAs("age")).isEqualTo(7);
        assertThat(young.<Boolean>getAs("age_open")).isFalse();
        assertThat(young.<Integer>getAs("persons")).isNull();
        Row childcare = typed("health/childcare", "I1", "托育", "330102", "12.5", "2024-01-01", "正常运营");
        assertThat(childcare.<Integer>getAs("approved_places")).isNull();
    }

    @Test
    void theOutputHasTheSchemasColumnsTyped() {
        Dataset<Row> typed = new ColumnTyping(SCHEMAS.get("health/deaths")).apply(
                input("health/deaths", "D1", "", "1", "1950-01-01", "2024-03-01", "330102", "I21.9"));
        StructType schema = typed.schema();
        assertThat(schema.apply("birth_date").dataType()).isEqualTo(DataTypes.DateType);
        assertThat(schema.apply("sex").dataType()).isEqualTo(DataTypes.StringType);
        assertThat(schema.apply("_file_id").dataType()).isEqualTo(DataTypes.StringType);
        assertThat(typed.first().<String>getAs("id_number")).isNull();
    }

    private Row typed(String extractId, String... values) {
        return new ColumnTyping(SCHEMAS.get(extractId)).apply(input(extractId, values)).first();
    }

    private Dataset<Row> input(String extractId, String... values) {
        StructType schema = new StructType();
        for (String name : SCHEMAS.get(extractId).columnNames()) {
            schema = schema.add(name, DataTypes.StringType);
        }
        schema = schema.add("_file_id", DataTypes.StringType);
        List<Object> row = new ArrayList<>(Arrays.asList(values));
        row.add("file-a");
        return spark.createDataFrame(List.of(RowFactory.create(row.toArray())), schema);
    }
}
