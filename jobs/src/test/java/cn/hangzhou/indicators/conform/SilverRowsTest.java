package cn.hangzhou.indicators.conform;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.config.ExtractSchema;
import cn.hangzhou.indicators.config.SchemaCatalog;
import cn.hangzhou.indicators.testing.BronzeFixtures;
import cn.hangzhou.indicators.testing.ProjectFiles;
import cn.hangzhou.indicators.testing.SharedSpark;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Rows sharing a record key, extract by extract, on tiny bronze frames: exact duplicates are one row, rows of
 * different persons all stay, versions of one person's record are one (residents: the register's rule for several
 * archives), and a later delivery still replaces the same record of an earlier one.
 */
class SilverRowsTest {

    private static final Pseudonymiser KEY = new Pseudonymiser("a test key for record keys, 32 characters or more".getBytes(StandardCharsets.UTF_8));
    private static final String ANNA = BronzeFixtures.idNumber("330102", "19800229", "002");
    private static final String BERT = BronzeFixtures.idNumber("330105", "19751010", "013");
    private static final String CLARA = BronzeFixtures.idNumber("330106", "20230517", "024");
    private static final String DAVID = BronzeFixtures.idNumber("330104", "19500101", "035");
    private static final String WRONG = ANNA.substring(0, 17) + (ANNA.endsWith("0") ? "1" : "0");
    private static final String OTHER_WRONG = BERT.substring(0, 17) + (BERT.endsWith("0") ? "1" : "0");

    private final SparkSession spark = SharedSpark.session();
    private final SchemaCatalog schemas = ProjectFiles.schemas();

    @Test
    void residentsOfTwoPersonsUnderOneArchiveNumberAreBothInTheRegisterAndOnePersonsVersionsFollowTheRegistersRule() {
        Dataset<Row> bronze = bronze("health/residents", "f-residents", "2024",
                resident("HZ330102000000001", ANNA, "2015-01-01", "330102", "1"),     // row 2
                resident("HZ330102000000001", BERT, "2016-01-01", "330105", "1"),     // row 3: another person, same number
                resident("HZ330105000000002", CLARA, "2023-06-01", "330105", "1"),    // row 4: opened last
                resident("HZ330105000000002", CLARA, "2023-05-20", "330102", "1"),    // row 5: the same archive again
                resident("HZ330104000000003", DAVID, "2019-01-01", "330104", "2"),    // row 6: opened last, moved out
                resident("HZ330104000000003", DAVID, "2018-01-01", "330104", "1"),    // row 7: managed
                resident("HZ330102000000004", ANNA.toLowerCase(), "2010-01-01", "330102", "1"),  // rows 8, 9: exact duplicates
                resident("HZ330102000000004", ANNA.toLowerCase(), "2010-01-01", "330102", "1"),
                resident("HZ330102000000005", WRONG, "2011-01-01", "330102", "1"),    // rows 10, 11: two invalid numbers
                resident("HZ330102000000005", OTHER_WRONG, "2011-01-01", "330102", "1"));

        Dataset<Row> residents = silver(SilverTable.RESIDENTS, bronze);
        Dataset<Row> register = new ResidentRegisterStage().apply(residents);

        assertThat(rows(residents)).containsExactlyInAnyOrder(
                "HZ330102000000001 " + KEY.personKey(ANNA) + " 330102 1 [f-residents,2]",
                "HZ330102000000001 " + KEY.personKey(BERT) + " 330105 1 [f-residents,3]",
                "HZ330105000000002 " + KEY.personKey(CLARA) + " 330105 1 [f-residents,4]",
                "HZ330104000000003 " + KEY.personKey(DAVID) + " 330104 1 [f-residents,7]",
                "HZ330102000000004 " + KEY.personKey(ANNA) + " 330102 1 [f-residents,8][f-residents,9]",
                "HZ330102000000005 null 330102 1 [f-residents,10]",
                "HZ330102000000005 null 330102 1 [f-residents,11]");
        // Anna once, at the archive opened last: HZ…001 (2015), not HZ…004 (2010)
        assertThat(rows(register)).containsExactlyInAnyOrder(
                "HZ330102000000001 " + KEY.personKey(ANNA) + " 330102 1 [f-residents,2]",
                "HZ330102000000001 " + KEY.personKey(BERT) + " 330105 1 [f-residents,3]",
                "HZ330105000000002 " + KEY.personKey(CLARA) + " 330105 1 [f-residents,4]",
                "HZ330104000000003 " + KEY.personKey(DAVID) + " 330104 1 [f-residents,7]",
                "HZ330102000000005 null 330102 1 [f-residents,10]",
                "HZ330102000000005 null 330102 1 [f-residents,11]");
    }

    @Test
    void childChecksOfTwoChildrenUnderOneRecordIdStayAndALaterDeliveryStillReplacesTheSameCheck() {
        Dataset<Row> march = bronze("health/child_checkups", "f-child-03", "202403",
                childCheck("CC-1", CLARA, "2024-03-05", "F1"),   // row 2
                childCheck("CC-1", ANNA, "2024-03-05", "F1"),    // row 3: another child
                childCheck("CC-2", CLARA, "2024-03-06", "F1"),   // row 4
                childCheck("CC-2", CLARA, "2024-03-06", "F2"),   // row 5: the same check again, corrected
                childCheck("CC-3", CLARA, "2024-03-07", "F1"),   // rows 6, 7: exact duplicates
                childCheck("CC-3", CLARA, "2024-03-07", "F1"),
                childCheck("CC-4", WRONG, "2024-03-08", "F1"),   // rows 8, 9: two children, both numbers invalid
                childCheck("CC-4", OTHER_WRONG, "2024-03-08", "F1"));
        // April's file sends Clara's CC-1 again (same check, same month): it replaces March's, Anna's stays
        Dataset<Row> april = bronze("health/child_checkups", "f-child-04", "202404",
                childCheck("CC-1", CLARA, "2024-03-05", "F9"));

        assertThat(records(SilverTable.CHILD_CHECKUPS, march.unionByName(april), "record_id person_key facility_code _sources"))
                .containsExactlyInAnyOrder(
                        "CC-1 " + KEY.personKey(CLARA) + " F9 [f-child-04,2]",
                        "CC-1 " + KEY.personKey(ANNA) + " F1 [f-child-03,3]",
                        "CC-2 " + KEY.personKey(CLARA) + " F2 [f-child-03,5]",
                        "CC-3 " + KEY.personKey(CLARA) + " F1 [f-child-03,6][f-child-03,7]",
                        "CC-4 null F1 [f-child-03,8]",
                        "CC-4 null F1 [f-child-03,9]");
    }

    @Test
    void elderlyChecksOfTwoPersonsUnderOneRecordIdStay() {
        Dataset<Row> bronze = bronze("health/elderly_checkups", "f-elderly", "202405",
                elderlyCheck("EC-1", DAVID, "F1"), elderlyCheck("EC-1", BERT, "F1"),
                elderlyCheck("EC-2", DAVID, "F1"), elderlyCheck("EC-2", " " + DAVID + " ", "F2"),
                elderlyCheck("EC-3", WRONG, "F1"), elderlyCheck("EC-3", OTHER_WRONG, "F1"));
        assertThat(records(SilverTable.ELDERLY_CHECKUPS, bronze, "record_id person_key facility_code _sources"))
                .containsExactlyInAnyOrder(
                        "EC-1 " + KEY.personKey(DAVID) + " F1 [f-elderly,2]",
                        "EC-1 " + KEY.personKey(BERT) + " F1 [f-elderly,3]",
                        "EC-2 " + KEY.personKey(DAVID) + " F2 [f-elderly,5]",
                        "EC-3 null F1 [f-elderly,6]",
                        "EC-3 null F1 [f-elderly,7]");
    }

    @Test
    void deathsOfTwoPersonsUnderOneCertificateNumberStayAnUnidentifiedOneToo() {
        Dataset<Row> bronze = bronze("health/deaths", "f-deaths", "202403",
                death("D-1", DAVID, "I21.9"), death("D-1", BERT, "C34.1"),
                death("D-2", DAVID, "J44.1"), death("D-2", "", "J44.1"),
                death("D-3", BERT, "E11.9"), death("D-3", BERT, "E11.8"),
                death("D-4", WRONG, "I21.9"), death("D-4", OTHER_WRONG, "I21.9"));
        assertThat(records(SilverTable.DEATHS, bronze, "certificate_number person_key underlying_cause _sources"))
                .containsExactlyInAnyOrder(
                        "D-1 " + KEY.personKey(DAVID) + " I21.9 [f-deaths,2]",
                        "D-1 " + KEY.personKey(BERT) + " C34.1 [f-deaths,3]",
                        "D-2 " + KEY.personKey(DAVID) + " J44.1 [f-deaths,4]",
                        "D-2 null J44.1 [f-deaths,5]",
                        "D-3 " + KEY.personKey(BERT) + " E11.8 [f-deaths,7]",
                        // two deaths whose numbers are invalid: both count in deaths by age and district
                        "D-4 null I21.9 [f-deaths,8]",
                        "D-4 null I21.9 [f-deaths,9]");
    }

    @Test
    void paymentsOfTwoPersonsUnderOnePaymentIdStayAndAReversalNetsOnOneOfThem() {
        Dataset<Row> bronze = bronze("assistance/payments", "f-payments", "202412",
                payment("PAY-1", "", ANNA, "980.00"), payment("PAY-1", "", BERT, "500.00"),
                payment("PAY-2", "", ANNA, "100.00"), payment("PAY-2", "", ANNA, "120.00"),
                payment("REV-1", "PAY-1", ANNA, "-980.00"),
                payment("PAY-3", "", WRONG, "300.00"), payment("PAY-3", "", OTHER_WRONG, "300.00"));
        Dataset<Row> silver = silver(SilverTable.ASSISTANCE_PAYMENTS, bronze);
        List<Row> payments = silver.collectAsList();
        assertThat(rows(silver, "payment_id", "person_key", "amount", "_sources"))
                .containsExactlyInAnyOrder(
                        "PAY-1 " + KEY.personKey(ANNA) + " 980.00 [f-payments,2]",
                        "PAY-1 " + KEY.personKey(BERT) + " 500.00 [f-payments,3]",
                        "PAY-2 " + KEY.personKey(ANNA) + " 120.00 [f-payments,5]",
                        "REV-1 " + KEY.personKey(ANNA) + " -980.00 [f-payments,6]",
                        // two recipients whose numbers are invalid: both are spending
                        "PAY-3 null 300.00 [f-payments,7]",
                        "PAY-3 null 300.00 [f-payments,8]");
        // the reversal is netted once, on the original with the smaller person key
        String reversed = KEY.personKey(ANNA).compareTo(KEY.personKey(BERT)) < 0 ? ANNA : BERT;
        Map<String, BigDecimal> net = new TreeMap<>();
        payments.stream().filter(row -> row.<String>getAs("payment_id").equals("PAY-1"))
                .forEach(row -> net.put(row.getAs("person_key"), row.getAs("net_amount")));
        assertThat(net.get(KEY.personKey(reversed))).isEqualByComparingTo(reversed.equals(ANNA) ? "0.00" : "-480.00");
        assertThat(net.get(KEY.personKey(reversed.equals(ANNA) ? BERT : ANNA))).isEqualByComparingTo(reversed.equals(ANNA) ? "500.00" : "980.00");
        BigDecimal amounts = payments.stream().map(row -> row.<BigDecimal>getAs("amount")).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal nets = payments.stream().map(row -> row.<BigDecimal>getAs("net_amount")).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(nets).isEqualByComparingTo(amounts);
    }

    @Test
    void rollsOfTwoPupilsUnderOneStudentNumberStay() {
        Dataset<Row> bronze = bronze("education/rolls", "f-rolls", "2024",
                roll("XJ000001", CLARA, "01"), roll("XJ000001", ANNA, "02"),
                roll("XJ000002", CLARA, "01"), roll("XJ000002", CLARA, "02"));
        assertThat(records(SilverTable.STUDENT_ROLLS, bronze, "student_number person_key grade _sources"))
                .containsExactlyInAnyOrder(
                        "XJ000001 " + KEY.personKey(CLARA) + " 01 [f-rolls,2]",
                        "XJ000001 " + KEY.personKey(ANNA) + " 02 [f-rolls,3]",
                        "XJ000002 " + KEY.personKey(CLARA) + " 02 [f-rolls,5]");
    }

    @Test
    void enrolmentsAreKeyedByTheIdNumberItselfSoRowsUnderOneKeyAreOnePersonsVersions() {
        String withX = CLARA.endsWith("X") ? CLARA : idNumberEndingInX();
        Dataset<Row> bronze = bronze("insurance/enrolments", "f-enrolments", "2024",
                enrolment(withX, "390", "1"), enrolment(withX.toLowerCase(), "390", "2"),
                enrolment(ANNA, "390", "1"), enrolment(BERT, "390", "1"));
        assertThat(records(SilverTable.INSURANCE_ENROLMENTS, bronze, "person_key scheme enrolment_status _sources"))
                .containsExactlyInAnyOrder(
                        KEY.personKey(withX) + " 390 2 [f-enrolments,3]",
                        KEY.personKey(ANNA) + " 390 1 [f-enrolments,4]",
                        KEY.personKey(BERT) + " 390 1 [f-enrolments,5]");
    }

    @Test
    void disabilityCertificatesAreKeyedByTheHoldersIdNumberSoRowsUnderOneKeyAreOnePersonsVersions() {
        Dataset<Row> bronze = bronze("assistance/disability", "f-disability", "2024",
                certificate(CLARA + "42", "330106"), certificate(CLARA + "42", "330105"), certificate(ANNA + "42", "330102"));
        assertThat(records(SilverTable.DISABILITY_CERTIFICATES, bronze, "certificate_key person_key district _sources"))
                .containsExactlyInAnyOrder(
                        KEY.hmac(CLARA + "42") + " " + KEY.personKey(CLARA) + " 330105 [f-disability,3]",
                        KEY.hmac(ANNA + "42") + " " + KEY.personKey(ANNA) + " 330102 [f-disability,4]");
    }

    @Test
    void institutionsSchoolsAndPopulationCellsUnderOneKeyAreOneEntityTheLaterRowOfItsFile() {
        Dataset<Row> childcare = bronze("health/childcare", "f-childcare", "2024",
                Map.of("institution_code", "T-1", "institution_name", "小太阳", "district", "330102", "approved_places", "60",
                        "registration_date", "2021-09-01", "institution_status", "正常运营"),
                Map.of("institution_code", "T-1", "institution_name", "小太阳", "district", "330102", "approved_places", "80",
                        "registration_date", "2021-09-01", "institution_status", "正常运营"));
        assertThat(records(SilverTable.CHILDCARE_INSTITUTIONS, childcare, "institution_code approved_places _sources"))
                .containsExactly("T-1 80 [f-childcare,3]");
        Dataset<Row> schools = bronze("education/schools", "f-schools", "2024",
                Map.of("school_id", "3301060001", "school_name", "实验小学", "district", "330106", "stage", "02", "ownership", "1"),
                Map.of("school_id", "3301060001", "school_name", "实验小学", "district", "330106", "stage", "02", "ownership", "2"),
                Map.of("school_id", "3301060001", "school_name", "实验小学", "district", "330106", "stage", "02", "ownership", "1"));
        assertThat(records(SilverTable.SCHOOLS, schools, "school_id ownership _sources"))
                .containsExactly("3301060001 1 [f-schools,2][f-schools,4]");
        Dataset<Row> population = bronze("reference/population", "f-population", "2024",
                Map.of("year", "2024", "district", "330102", "sex", "2", "age", "3", "persons", "1,234"),
                Map.of("year", "2024", "district", "330102", "sex", "2", "age", "3", "persons", "1,243"),
                Map.of("year", "2024", "district", "330102", "sex", "1", "age", "3", "persons", "1,200"));
        assertThat(records(SilverTable.POPULATION, population, "sex persons _sources"))
                .containsExactlyInAnyOrder("2 1243 [f-population,3]", "1 1200 [f-population,4]");
    }

    /** The silver rows of {@code bronze} as texts of the columns named (space-separated). */
    private List<String> records(SilverTable table, Dataset<Row> bronze, String columns) {
        return rows(silver(table, bronze), columns.split(" "));
    }

    private Dataset<Row> silver(SilverTable table, Dataset<Row> bronze) {
        ExtractSchema schema = schemas.get(table.extract());
        return new SilverRows(schema, KEY).apply(table, bronze, null);
    }

    /** Rows of {@code residents} as "archive person district status sources". */
    private static List<String> rows(Dataset<Row> residents) {
        return rows(residents, "archive_number", "person_key", "residence_district", "archive_status", "_sources");
    }

    private static List<String> rows(Dataset<Row> rows, String... columns) {
        List<String> texts = new ArrayList<>();
        for (Row row : rows.select(Arrays.stream(columns).map(name -> col(name)).toArray(Column[]::new)).collectAsList()) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < columns.length; i++) {
                Object value = row.get(i);
                String shown = columns[i].equals("_sources")
                        ? String.join("", row.getList(i).stream().map(Object::toString).toList())
                        : value instanceof BigDecimal decimal ? decimal.toPlainString() : String.valueOf(value);
                text.append(i == 0 ? "" : " ").append(shown);
            }
            texts.add(text.toString());
        }
        return texts;
    }

    /** Bronze rows of one delivered file as conform reads them: the schema's columns as text, row numbers 2, 3, … */
    @SafeVarargs
    private Dataset<Row> bronze(String extractId, String fileId, String period, Map<String, String>... delivered) {
        ExtractSchema schema = schemas.get(extractId);
        StructType columns = new StructType();
        for (String name : schema.columnNames()) {
            columns = columns.add(name, DataTypes.StringType);
        }
        columns = columns.add("_file_id", DataTypes.StringType).add("_row_number", DataTypes.LongType).add("_period", DataTypes.StringType);
        List<Row> rows = new ArrayList<>();
        long rowNumber = 2;
        for (Map<String, String> values : delivered) {
            List<Object> row = new ArrayList<>();
            schema.columnNames().forEach(name -> row.add(values.getOrDefault(name, "")));
            row.addAll(List.of(fileId, rowNumber++, period));
            rows.add(RowFactory.create(row.toArray()));
        }
        return spark.createDataFrame(rows, columns);
    }

    private static Map<String, String> resident(String archive, String id, String opened, String district, String status) {
        return ConformRunnerTest.resident(archive, id, "张三", opened, district, status);
    }

    private static Map<String, String> childCheck(String recordId, String id, String date, String facility) {
        return Map.of("record_id", recordId, "child_id_number", id, "check_date", date, "facility_code", facility,
                "service_type", "02", "age_months", "10");
    }

    private static Map<String, String> elderlyCheck(String recordId, String id, String facility) {
        return Map.of("record_id", recordId, "id_number", id, "check_date", "2024/05/06", "facility_code", facility,
                "tcm_constitution_assessed", "否");
    }

    private static Map<String, String> death(String certificate, String id, String cause) {
        return Map.of("certificate_number", certificate, "id_number", id, "sex", "1", "birth_date", "1950-01-01",
                "death_date", "2024-03-10", "residence_district", "330104", "underlying_cause", cause);
    }

    private static Map<String, String> payment(String paymentId, String reversed, String id, String amount) {
        return ConformRunnerTest.payment(paymentId, reversed, id, "低保", "202412", amount);
    }

    private static Map<String, String> roll(String studentNumber, String id, String grade) {
        return Map.of("student_number", studentNumber, "id_number", id, "school_id", "3301060001", "grade", grade,
                "school_year", "2024-2025", "status", "在读", "mainstream_with_disability", "false", "entry_date", "2024-09-01");
    }

    private static Map<String, String> enrolment(String id, String scheme, String status) {
        return Map.of("id_number", id, "person_name", "张三", "scheme", scheme, "enrolment_status", status,
                "enrolment_date", "20200101", "enrolment_district", "330106");
    }

    private static Map<String, String> certificate(String number, String district) {
        return Map.of("certificate_number", number, "person_name", "王小明", "category", "4", "grade", "2",
                "district", district, "issue_date", "2019-05-01", "certificate_status", "有效");
    }

    private static String idNumberEndingInX() {
        for (int sequence = 1; ; sequence++) {
            String id = BronzeFixtures.idNumber("330106", "20120517", String.format("%03d", sequence));
            if (id.endsWith("X")) {
                return id;
            }
        }
    }
}
