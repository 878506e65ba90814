package cn.hangzhou.indicators.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.config.SchemaCatalog;
import cn.hangzhou.indicators.ops.RunContext;
import cn.hangzhou.indicators.ops.SparkSessions;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import cn.hangzhou.indicators.ops.WarehouseTables;
import cn.hangzhou.indicators.testing.BronzeFixtures;
import cn.hangzhou.indicators.testing.ProjectFiles;
import cn.hangzhou.indicators.testing.SharedSpark;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** conform on real Delta tables: bronze and manifest built with {@link BronzeFixtures}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConformRunnerTest {

    static final Pseudonymiser KEY = new Pseudonymiser("the first test key, 32 characters or more".getBytes(StandardCharsets.UTF_8));
    static final Pseudonymiser OTHER_KEY = new Pseudonymiser("the second test key, 32 characters or more".getBytes(StandardCharsets.UTF_8));
    /** A woman with two archives in 2024, and payments. */
    static final String ADULT = BronzeFixtures.idNumber("330102", "19800229", "002");
    /** A child in every department; her number ends in X and is delivered with a lower-case x here and there. */
    static final String CHILD = idNumberEndingInX("330106", "20120517");
    /** A number with a wrong check character. */
    static final String WRONG = ADULT.substring(0, 17) + (ADULT.endsWith("0") ? "1" : "0");
    static final String MOVED = BronzeFixtures.idNumber("330104", "19700101", "011");
    static final List<String> NAMES = List.of("张三", "李四", "王小明", "赵六");

    private final SparkSession spark = SharedSpark.session();
    private final SchemaCatalog schemas = ProjectFiles.schemas();
    private Path everything;
    private ConformRunner.Outcome firstRun;

    @BeforeAll
    void conformOneOfEachDepartment() throws IOException {
        everything = Files.createTempDirectory("conform-everything-");
        BronzeFixtures bronze = new BronzeFixtures(spark, layout(everything), schemas);
        bronze.deliver("health/residents", "2024", "f-residents-2024", List.of(
                resident("HZ330102000000001", ADULT, "张三", "2010-01-01", "330102", "1"),
                resident("HZ330105000000002", " " + ADULT + " ", "张三", "2020-06-01", "330105", "1"),
                resident("HZ330102000000003", WRONG, "李四", "2015-01-01", "330102", "1"),
                resident("HZ330106000000004", CHILD.toLowerCase(), "王小明", "2012-06-01", "330106", "1"),
                resident("HZ330104000000005", MOVED, "赵六", "2001-01-01", "330104", "2"),
                resident("HZ330104000000005", MOVED, "赵六", "2001-01-01", "330104", "2")));
        bronze.deliver("insurance/enrolments", "2024", "330106", "f-enrolments-2024-330106", "passed", List.of(
                Map.of("id_number", CHILD.toLowerCase(), "person_name", "王小明", "scheme", "390", "enrolment_status", "1",
                        "enrolment_date", "20120601", "enrolment_district", "330106"),
                Map.of("id_number", ADULT, "person_name", "张三", "scheme", "410", "enrolment_status", "1",
                        "enrolment_date", "20050301", "enrolment_district", "330106", "contribution_base", "8500.00")));
        bronze.deliver("education/rolls", "2024", "f-rolls-2024", List.of(
                // a national 学籍号: G and the pupil's ID number
                Map.of("student_number", "G" + CHILD, "id_number", CHILD, "school_id", "3301060001", "grade", "16",
                        "school_year", "2024-2025", "status", "在读", "mainstream_with_disability", "true",
                        "entry_date", "2018-09-01")));
        bronze.deliver("assistance/payments", "202412", "f-payments-202412", List.of(
                payment("PAY-1", "", CHILD, "困难残疾人生活补贴", "202412", "\"1,200.00\""),
                payment("PAY-2", "", ADULT, "低保", "202412", "980.00")));
        bronze.deliver("assistance/disability", "2024", "f-disability-2024", List.of(
                Map.of("certificate_number", CHILD.toLowerCase() + "42", "person_name", "王小明", "category", "4", "grade", "2",
                        "district", "330106", "issue_date", "2019-05-01", "certificate_status", "有效")));
        bronze.deliver("health/child_checkups", "202403", "f-child-202403", List.of(
                Map.of("record_id", "CC-1", "child_id_number", CHILD, "check_date", "2024-03-05", "facility_code", "F1",
                        "service_type", "02", "age_months", "141")));
        bronze.deliver("health/deaths", "202403", "f-deaths-202403", List.of(
                Map.of("certificate_number", "D-1", "id_number", "", "sex", "1", "birth_date", "1950-07-01",
                        "death_date", "2024-03-02", "residence_district", "330102", "underlying_cause", "I21.9"),
                Map.of("certificate_number", "D-2", "id_number", MOVED, "sex", "1", "birth_date", "",
                        "death_date", "2024-03-10", "residence_district", "330104", "underlying_cause", "C34.1")));
        bronze.deliver("health/elderly_checkups", "202405", "f-elderly-202405", List.of(
                Map.of("record_id", "EC-1", "id_number", ADULT, "check_date", "2024/05/06", "facility_code", "F2",
                        "tcm_constitution_assessed", "否")));
        bronze.deliver("health/childcare", "2024", "f-childcare-2024", List.of(
                Map.of("institution_code", "T-1", "institution_name", "小太阳托育", "district", "330102",
                        "approved_places", "60", "registration_date", "2021-09-01", "institution_status", "正常运营")));
        bronze.deliver("education/schools", "2024", "f-schools-2024", List.of(
                Map.of("school_id", "3301060001", "school_name", "实验小学", "district", "330106", "stage", "02",
                        "ownership", "1", "inclusive", "")));
        bronze.deliver("reference/population", "2024", "f-population-2024", List.of(
                Map.of("year", "2024", "district", "330102", "sex", "2", "age", "100+", "persons", "1,234")));
        firstRun = conform(everything, KEY, false);
    }

    @AfterAll
    void forgetViews() {
        spark.catalog().dropTempView("conform_residents");
        spark.catalog().dropTempView("conform_payments");
    }

    @Test
    void aPersonInEveryDepartmentHasOneKeyEverywhere() {
        String childKey = KEY.personKey(CHILD);
        Map<String, Set<String>> keysOfTheChild = new TreeMap<>();
        for (String table : List.of("residents", "resident_register", "insurance_enrolments", "student_rolls",
                "assistance_payments", "disability_certificates", "child_checkups")) {
            Dataset<Row> rows = silver(everything, table).filter(col("person_key").equalTo(childKey));
            keysOfTheChild.put(table, rows.collectAsList().stream().map(row -> row.<String>getAs("person_key"))
                    .collect(Collectors.toSet()));
            assertThat(rows.count()).as(table).isEqualTo(1);
            assertThat(rows.first().<Boolean>getAs("id_valid")).as(table).isTrue();
            if (!table.equals("assistance_payments")) {
                assertThat(rows.first().<String>getAs("sex")).as(table).isEqualTo("2");
            }
        }
        assertThat(keysOfTheChild.values()).allMatch(Set.of(childKey)::equals);
        assertThat(silver(everything, "student_rolls").first().<String>getAs("student_number"))
                .isEqualTo(EmbeddedIdentifierGuard.PREFIX + KEY.hmac("G" + CHILD));
        Row certificate = silver(everything, "disability_certificates").first();
        assertThat(certificate.<String>getAs("certificate_key")).isEqualTo(KEY.hmac(CHILD + "42"));
    }

    @Test
    void noSilverTableHoldsAnIdNumberOrAName() {
        List<String> identifiers = new ArrayList<>(NAMES);
        for (String id : List.of(ADULT, CHILD, WRONG, MOVED)) {
            identifiers.add(id);
            identifiers.add(id.toLowerCase());
            identifiers.add(id.substring(0, 17));
        }
        for (String table : silverTables(everything)) {
            for (Row row : silver(everything, table).select(to_json(struct(col("*")))).collectAsList()) {
                // keys are 64 hex characters, where 18 decimal digits in a row can occur by chance
                String text = row.getString(0).replaceAll("\"[0-9a-f]{64}\"", "\"key\"");
                assertThat(text).as(table).doesNotContainPattern("[0-9]{17}[0-9Xx]");
                identifiers.forEach(identifier -> assertThat(text).as(table).doesNotContain(identifier));
            }
        }
        assertThat(silverTables(everything)).hasSize(12);
    }

    @Test
    void everySilverTableHasTheDataModelsColumnsAndTypes() {
        Map<String, String> expected = new TreeMap<>();
        String person = "person_key:string,id_valid:boolean,sex:string,birth_date:date,";
        String residents = "year:int,archive_number:string," + person + "residence_district:string,"
                + "household_registration:string,archive_opened_date:date,archive_status:string";
        expected.put("residents", residents);
        expected.put("resident_register", residents);
        expected.put("child_checkups", "record_id:string," + person + "check_date:date,year:int,facility_code:string,"
                + "service_type:string,age_months:int");
        expected.put("elderly_checkups", "record_id:string," + person + "check_date:date,year:int,facility_code:string,"
                + "tcm_constitution_assessed:boolean");
        expected.put("deaths", "certificate_number:string," + person + "death_date:date,year:int,age_at_death:int,"
                + "residence_district:string,underlying_cause:string");
        expected.put("childcare_institutions", "year:int,institution_code:string,institution_name:string,district:string,"
                + "approved_places:int,registration_date:date,institution_status:string");
        expected.put("insurance_enrolments", "year:int," + person + "scheme:string,enrolment_status:string,"
                + "enrolment_date:date,termination_date:date,enrolment_district:string,contribution_base:decimal(14,2)");
        expected.put("schools", "year:int,school_id:string,school_name:string,district:string,stage:string,ownership:string,"
                + "inclusive:boolean");
        expected.put("student_rolls", "year:int,student_number:string," + person + "school_id:string,grade:string,"
                + "school_year:string,status:string,mainstream_with_disability:boolean,entry_date:date");
        expected.put("assistance_payments", "payment_id:string,reversed_payment_id:string,is_reversal:boolean,"
                + "reversed_by_payment_id:string,person_key:string,id_valid:boolean,programme:string,payment_month:string,"
                + "year:int,amount:decimal(14,2),net_amount:decimal(14,2),household_size:int,monthly_standard:decimal(14,2),"
                + "district:string");
        expected.put("disability_certificates", "year:int,certificate_key:string," + person + "category:string,grade:string,"
                + "district:string,issue_date:date,certificate_status:string");
        expected.put("population", "year:int,district:string,sex:string,age:int,age_open:boolean,persons:bigint");
        Map<String, String> actual = new TreeMap<>();
        for (String table : silverTables(everything)) {
            actual.put(table, silver(everything, table).schema().simpleString());
        }
        expected.replaceAll((table, columns) -> "struct<" + columns
                + ",_sources:array<struct<file_id:string,row_number:bigint>>,_period:string>");
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void aPersonWithTwoArchivesIsInTheRegisterOnceAtTheArchiveOpenedLast() {
        List<Row> adult = silver(everything, "resident_register").filter(col("person_key").equalTo(KEY.personKey(ADULT)))
                .collectAsList();
        assertThat(adult).hasSize(1);
        assertThat(adult.get(0).<String>getAs("archive_number")).isEqualTo("HZ330105000000002");
        assertThat(adult.get(0).<String>getAs("residence_district")).isEqualTo("330105");
        assertThat(silver(everything, "residents").filter(col("person_key").equalTo(KEY.personKey(ADULT))).count()).isEqualTo(2);
        Map<String, Row> register = byColumn(silver(everything, "resident_register"), "archive_number");
        assertThat(register).containsOnlyKeys("HZ330105000000002", "HZ330102000000003", "HZ330106000000004");
        assertThat(register.get("HZ330102000000003").<Boolean>getAs("id_valid")).isFalse();
        assertThat(register.get("HZ330102000000003").<String>getAs("person_key")).isNull();
    }

    @Test
    void exactDuplicatesAreOneRowListingBothSourcesAndEveryRowCarriesItsLineage() {
        Row moved = silver(everything, "residents").filter(col("archive_number").equalTo("HZ330104000000005")).first();
        assertThat(moved.<String>getAs("_period")).isEqualTo("2024");
        assertThat(moved.getList(moved.fieldIndex("_sources")).stream().map(Object::toString))
                .containsExactly("[f-residents-2024,6]", "[f-residents-2024,7]");
        assertThat(silver(everything, "residents").count()).isEqualTo(5);
        Row population = silver(everything, "population").first();
        assertThat(population.<Integer>getAs("age")).isEqualTo(100);
        assertThat(population.<Boolean>getAs("age_open")).isTrue();
        Map<String, Row> deaths = byColumn(silver(everything, "deaths"), "certificate_number");
        assertThat(deaths.get("D-1").<Boolean>getAs("id_valid")).isFalse();
        assertThat(deaths.get("D-1").<Integer>getAs("age_at_death")).isEqualTo(73);
        assertThat(deaths.get("D-2").<Integer>getAs("age_at_death")).isEqualTo(54);
        assertThat(firstRun.periodsWritten()).containsEntry("resident_register", Set.of("2024"));
    }

    @Test
    void aRunWithoutNewDeliveriesWritesNothing() {
        Map<String, Long> before = WarehouseTables.versions(spark, layout(everything));
        ConformRunner.Outcome again = conform(everything, KEY, false);
        assertThat(again.periodsWritten()).isEmpty();
        assertThat(WarehouseTables.versions(spark, layout(everything))).isEqualTo(before)
                .containsKeys("ops/conform_state", "analytics/silver/residents", "analytics/silver/assistance_payments");
        assertThat(DeltaTable.forPath(spark, layout(everything).silver("residents")).history(1).first()
                .<String>getAs("userMetadata")).contains("\"command\":\"conform-test\"");
    }

    @Test
    void anotherKeyChangesEveryPersonKey() throws IOException {
        Path warehouse = Files.createTempDirectory("conform-key-");
        BronzeFixtures bronze = new BronzeFixtures(spark, layout(warehouse), schemas);
        bronze.deliver("health/residents", "2024", "f-residents-2024", List.of(
                resident("HZ330102000000001", ADULT, "张三", "2010-01-01", "330102", "1"),
                resident("HZ330106000000004", CHILD, "王小明", "2012-06-01", "330106", "1")));
        bronze.deliver("assistance/payments", "202412", "f-payments-202412", List.of(
                payment("PAY-1", "", CHILD, "低保", "202412", "100.00")));
        conform(warehouse, KEY, false);
        Map<String, String> first = personKeys(warehouse);
        ConformRunner.Outcome rekeyed = conform(warehouse, OTHER_KEY, true);
        Map<String, String> second = personKeys(warehouse);
        assertThat(first).hasSize(5).doesNotContainValue(null);
        assertThat(second).hasSize(5).doesNotContainValue(null);
        first.forEach((row, key) -> assertThat(second.get(row)).as(row).isNotEqualTo(key));
        assertThat(rekeyed.periodsWritten()).containsOnlyKeys("residents", "resident_register", "assistance_payments");
    }

    @Test
    void aCorrectionReplacesItsPeriodAndReversalsNetAcrossPeriods() throws IOException {
        Path warehouse = Files.createTempDirectory("conform-payments-");
        BronzeFixtures bronze = new BronzeFixtures(spark, layout(warehouse), schemas);
        bronze.deliver("assistance/payments", "202401", "f-payments-202401", List.of(
                payment("PAY-1", "", ADULT, "低保", "202401", "\"1,000.00\""),
                payment("PAY-2", "", ADULT, "临时救助", "202401", "500.00")));
        bronze.deliver("assistance/payments", "202402", "f-payments-202402", List.of(
                payment("REV-1", "PAY-1", ADULT, "低保", "202402", "\"-1,000.00\""),
                payment("PAY-3", "", ADULT, "低保", "202402", "\"1,000.00\"")));
        conform(warehouse, KEY, false);
        Map<String, Row> payments = byColumn(silver(warehouse, "assistance_payments"), "payment_id");
        assertNet(payments, "PAY-1", "0.00", "REV-1", false);
        assertNet(payments, "REV-1", "0.00", null, true);
        assertNet(payments, "PAY-2", "500.00", null, false);
        assertNet(payments, "PAY-3", "1000.00", null, false);

        bronze.deliver("assistance/payments", "202401", "f-payments-202401-corrected", List.of(
                payment("PAY-1", "", ADULT, "低保", "202401", "\"1,000.00\""),
                payment("PAY-2", "", ADULT, "临时救助", "202401", "450.00")));
        bronze.deliver("assistance/payments", "202403", "f-payments-202403", List.of(
                payment("REV-2", "PAY-2", ADULT, "临时救助", "202403", "-450.00"),
                payment("REV-9", "PAY-404", ADULT, "低保", "202403", "-20.00")));
        ConformRunner.Outcome corrected = conform(warehouse, KEY, false);
        payments = byColumn(silver(warehouse, "assistance_payments"), "payment_id");
        assertThat(corrected.periodsWritten()).containsEntry("assistance_payments", Set.of("202401", "202403"));
        assertNet(payments, "PAY-1", "0.00", "REV-1", false);
        assertNet(payments, "PAY-2", "0.00", "REV-2", false);
        assertNet(payments, "REV-2", "0.00", null, true);
        // the payment it reverses was never delivered: it keeps its amount, so that nets add up to amounts
        assertNet(payments, "REV-9", "-20.00", null, true);
        assertThat(payments.get("PAY-2").<BigDecimal>getAs("amount")).isEqualByComparingTo("450.00");
        assertThat(payments.get("PAY-2").getList(payments.get("PAY-2").fieldIndex("_sources")).toString())
                .isEqualTo("[[f-payments-202401-corrected,3]]");
        assertThat(silver(warehouse, "assistance_payments").select(explode(col("_sources.file_id"))).distinct().collectAsList()
                .stream().map(row -> row.getString(0)).toList())
                .containsExactlyInAnyOrder("f-payments-202401-corrected", "f-payments-202402", "f-payments-202403");
        assertThat(payments.get("PAY-1").<String>getAs("payment_month")).isEqualTo("202401");
        assertThat(payments.get("PAY-1").<Integer>getAs("year")).isEqualTo(2024);
    }

    @Test
    void onlyAcceptedDeliveriesAreConformedAndARejectedPeriodKeepsItsRows() throws IOException {
        Path warehouse = Files.createTempDirectory("conform-quality-");
        BronzeFixtures bronze = new BronzeFixtures(spark, layout(warehouse), schemas);
        bronze.deliver("health/child_checkups", "202401", "f-child-202401", List.of(
                checkup("CC-1", "2024-01-10"), checkup("CC-2", "2024-01-11"), checkup("CC-3", "2024-01-12"),
                checkup("CC-4", "2024-02-30"), checkup("CC-7", "2024-01-15")));
        bronze.quarantine("f-child-202401", 4, "child_checkups");
        // CC-1 sent again in February (same check, same month, same child): February's row replaces January's; CC-7
        // reused for another check dated in February, and once more in that file for another child: all three stay
        Map<String, String> otherChild = new java.util.HashMap<>(checkup("CC-7", "2024-02-06"));
        otherChild.put("child_id_number", ADULT);
        bronze.deliver("health/child_checkups", "202402", "f-child-202402", List.of(checkup("CC-1", "2024-01-10"),
                checkup("CC-7", "2024-02-05"), otherChild));
        bronze.deliver("health/child_checkups", "202403", null, "f-child-202403", null, List.of(checkup("CC-5", "2024-03-01")));
        ConformRunner.Outcome first = conform(warehouse, KEY, false);
        assertThat(silver(warehouse, "child_checkups").where("record_id = 'CC-7'").orderBy("check_date")
                .collectAsList().stream().map(row -> row.<String>getAs("_period")).toList())
                .containsExactly("202401", "202402", "202402");
        Map<String, Row> checkups = byColumn(silver(warehouse, "child_checkups").where("record_id <> 'CC-7'"), "record_id");
        assertThat(checkups).containsOnlyKeys("CC-1", "CC-2", "CC-4");
        assertThat(checkups.get("CC-1").<String>getAs("_period")).isEqualTo("202402");
        assertThat(checkups.get("CC-4").<Object>getAs("check_date")).isNull();
        assertThat(checkups.get("CC-4").<Integer>getAs("year")).isEqualTo(2024);
        assertThat(first.periodsHeldBack()).containsEntry("child_checkups", Map.of("202403", DeliveryPlan.NOT_CHECKED));
        assertThat(first.anyRejected()).isFalse();

        bronze.deliver("health/child_checkups", "202402", null, "f-child-202402-corrected", "rejected",
                List.of(checkup("CC-6", "2024-02-04")));
        bronze.setQualityStatus("f-child-202403", "warned");
        ConformRunner.Outcome second = conform(warehouse, KEY, false);
        checkups = byColumn(silver(warehouse, "child_checkups").where("record_id <> 'CC-7'"), "record_id");
        assertThat(checkups).containsOnlyKeys("CC-1", "CC-2", "CC-4", "CC-5");
        assertThat(checkups.get("CC-1").<String>getAs("_period")).isEqualTo("202402");
        assertThat(second.anyRejected()).isTrue();
        assertThat(second.periodsWritten()).containsEntry("child_checkups", Set.of("202403"));
    }

    private ConformRunner.Outcome conform(Path warehouse, Pseudonymiser pseudonymiser, boolean everyPeriod) {
        RunContext run = RunContext.start("conform-test", List.of());
        SparkSessions.markCommits(spark);
        try {
            return new ConformRunner(spark, layout(warehouse), schemas, pseudonymiser, run.runId(), everyPeriod).run();
        } finally {
            RunContext.finish();
        }
    }

    private static void assertNet(Map<String, Row> payments, String paymentId, String net, String reversedBy, boolean reversal) {
        Row payment = payments.get(paymentId);
        assertThat(payment.<BigDecimal>getAs("net_amount")).as(paymentId).isEqualByComparingTo(net);
        assertThat(payment.<String>getAs("reversed_by_payment_id")).as(paymentId).isEqualTo(reversedBy);
        assertThat(payment.<Boolean>getAs("is_reversal")).as(paymentId).isEqualTo(reversal);
    }

    private Map<String, String> personKeys(Path warehouse) {
        Map<String, String> keys = new HashMap<>();
        for (String table : List.of("residents", "resident_register", "assistance_payments")) {
            silver(warehouse, table).collectAsList().forEach(row -> keys.put(table + "/" + row.getAs(
                    table.equals("assistance_payments") ? "payment_id" : "archive_number"), row.getAs("person_key")));
        }
        return keys;
    }

    private static List<String> silverTables(Path warehouse) {
        try (var tables = Files.list(warehouse.resolve("analytics/silver"))) {
            return tables.map(path -> path.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Dataset<Row> silver(Path warehouse, String table) {
        return spark.read().format("delta").load(layout(warehouse).silver(table));
    }

    private static Map<String, Row> byColumn(Dataset<Row> rows, String column) {
        return rows.collectAsList().stream().collect(Collectors.toMap(row -> row.getAs(column), row -> row));
    }

    private static WarehouseLayout layout(Path warehouse) {
        return new WarehouseLayout(warehouse.toString());
    }

    static Map<String, String> resident(String archive, String id, String name, String opened, String district, String status) {
        return Map.of("archive_number", archive, "id_number", id, "person_name", name, "sex", "", "birth_date", "",
                "residence_district", district, "household_registration", "1", "archive_opened_date", opened,
                "archive_status", status);
    }

    static Map<String, String> payment(String paymentId, String reversedPaymentId, String id, String programme, String month,
                                       String amount) {
        return Map.of("payment_id", paymentId, "reversed_payment_id", reversedPaymentId, "id_number", id, "programme", programme,
                "payment_month", month, "amount", amount, "district", "330102");
    }

    private static Map<String, String> checkup(String recordId, String date) {
        return Map.of("record_id", recordId, "child_id_number", CHILD, "check_date", date, "facility_code", "F1",
                "service_type", "02", "age_months", "12");
    }

    private static String idNumberEndingInX(String address, String birthDate) {
        for (int sequence = 1; sequence < 1000; sequence++) {
            String candidate = BronzeFixtures.idNumber(address, birthDate, String.format("%03d", sequence));
            if (candidate.endsWith("X") && (sequence % 2 == 0)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no sequence gives X");
    }
}
