package cn.hangzhou.indicators.quality;

import static cn.hangzhou.indicators.testing.QualityFixtures.idNumber;
import static cn.hangzhou.indicators.testing.QualityFixtures.withWrongCheckCharacter;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.config.ResidentIdNumbers;
import cn.hangzhou.indicators.ops.RunContext;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import cn.hangzhou.indicators.testing.ProjectFiles;
import cn.hangzhou.indicators.testing.QualityFixtures;
import cn.hangzhou.indicators.testing.SharedSpark;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate on tiny hand-built deliveries: each defect lands in its named rule with its severity; clean rows raise nothing. */
class QualityGateTest {

    static final QualityConfig CONFIG = QualityConfig.load(QualityConfig.folder(ProjectFiles.home()), ProjectFiles.schemas());

    @TempDir
    Path warehouse;

    SparkSession spark;
    QualityFixtures fixtures;

    @BeforeEach
    void setUp() {
        spark = SharedSpark.session();
        fixtures = new QualityFixtures(spark, new WarehouseLayout(warehouse.toString()));
    }

    QualityRun check() {
        return gate().run(RunContext.start("check", List.of()));
    }

    QualityGate gate() {
        return new QualityGate(spark, ProjectFiles.schemas(), ProjectFiles.reference(), CONFIG, fixtures.layout(), Clock.systemUTC());
    }

    /** A clean death registration of March 2024 (or of {@code month}). */
    static String[] death(int i, String month) {
        return new String[] {"D" + month + String.format("%04d", i), idNumber("1950-01-15", i), i % 2 == 0 ? "1" : "2", "1950-01-15",
                month.substring(0, 4) + "-" + month.substring(4) + "-" + String.format("%02d", i % 28 + 1), "330102", "I21.9"};
    }

    static List<String[]> deaths(int count, String month) {
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            rows.add(death(i, month));
        }
        return rows;
    }

    static String[] with(String[] row, int column, String value) {
        String[] copy = row.clone();
        copy[column] = value;
        return copy;
    }

    @Test
    void eachDeathDefectIsCaughtByItsRuleWithItsSeverityAndCleanRowsRaiseNothing() {
        String clean = fixtures.delivery("deaths", "202402").rows(deaths(12, "202402")).ingest();
        String idWithX = idWithCheckCharacterX();
        String[] base = death(50, "202403");
        String defective = fixtures.delivery("deaths", "202403").rows(deaths(12, "202403"))
                .row(with(base, 1, withWrongCheckCharacter(base[1])))                      // row 14
                .row(with(death(51, "202403"), 1, idWithX.toLowerCase()))                // row 15
                .row(with(death(52, "202403"), 1, " " + death(52, "202403")[1] + " "))   // row 16
                .row(with(death(53, "202403"), 3, "2024-02-30"))                         // row 17
                .row(with(death(54, "202403"), 4, "2024-04-02"))                         // row 18
                .row(with(with(death(55, "202403"), 3, "2024-03-20"), 4, "2024-03-10"))  // row 19
                .row(with(death(56, "202403"), 5, "330199"))                             // row 20
                .row(death(57, "202403")).row(death(57, "202403"))                       // rows 21, 22
                .row(with(death(58, "202403"), 1, death(58, "202403")[1].substring(0, 16))) // row 23
                .row(with(with(death(59, "202403"), 2, "9"), 5, "330199"))                // row 24: sex 9
                .ingest();

        QualityRun run = check();

        assertThat(outcome(run, clean).status()).isEqualTo(QualityStatus.PASSED);
        assertThat(outcome(run, clean).failures()).isEmpty();
        DeliveryOutcome outcome = outcome(run, defective);
        assertThat(failed(outcome)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "id_number_invalid", "warn:2:[deaths_202403.csv:14, deaths_202403.csv:23]",
                "id_number_not_normalised", "warn:2:[deaths_202403.csv:15, deaths_202403.csv:16]",
                "value_unparseable", "warn:1:[deaths_202403.csv:17]",
                "death_date_outside_period", "warn:1:[deaths_202403.csv:18]",
                "death_before_birth", "warn:1:[deaths_202403.csv:19]",
                "district_unknown", "warn:2:[deaths_202403.csv:20, deaths_202403.csv:24]",
                "duplicate_key", "warn:2:[deaths_202403.csv:21, deaths_202403.csv:22]",
                "code_unknown", "drop:1:[deaths_202403.csv:24]",
                "key_uniqueness", "warn:0:[]"));
        assertThat(outcome.status()).isEqualTo(QualityStatus.WARNED);
        assertThat(outcome.rows()).isEqualTo(23);
        assertThat(outcome.quarantinedRows()).isEqualTo(1);

        // only the drop rule quarantines; the row's reasons list the drop rule, then the warn rules it failed
        List<Row> quarantine = spark.read().format("delta").load(fixtures.layout().quarantine())
                .where("stage = 'quality'").orderBy("row_number").collectAsList();
        assertThat(quarantine).extracting(row -> row.getLong(row.fieldIndex("row_number"))).containsExactly(24L);
        assertThat(quarantine.get(0).<String>getList(quarantine.get(0).fieldIndex("reasons")))
                .containsExactly("code_unknown", "district_unknown");
        assertThat(manifestStatuses()).containsEntry(clean, "passed").containsEntry(defective, "warned");
        long results = spark.read().format("delta").load(fixtures.layout().quality("check_results"))
                .where("file_id = '" + defective + "' AND run_id = '" + run.runId() + "'").count();
        assertThat(results).isEqualTo(CONFIG.forExtract("deaths").rules().size() + 1);
    }

    /** A managed resident archive of 2024 in 330102, sexes alternating. */
    static String[] resident(int i) {
        return new String[] {"HZ330102" + String.format("%09d", i), idNumber("1990-04-04", i), "居民" + i, i % 2 == 0 ? "1" : "2",
                "1990-04-04", "330102", "1", "2015-01-01", "1"};
    }

    @Test
    void rowsSharingAKeyWithDifferentContentAreAKeyCollisionLocatedCollisionByCollision() {
        String clean = fixtures.delivery("residents", "2023").rows(times(12, QualityGateTest::resident)).ingest();
        String collided = fixtures.delivery("residents", "2024").rows(times(12, QualityGateTest::resident))
                .row(resident(101))                                    // row 14: archive …101
                .row(resident(102))                                    // row 15: archive …102
                .row(with(resident(103), 0, resident(101)[0]))         // row 16: another person under archive …101
                .row(with(resident(102), 5, "330105"))                 // row 17: archive …102 again, another district
                .row(resident(104)).row(resident(104))                 // rows 18, 19: exact duplicates, no collision
                .ingest();

        QualityRun run = check();

        assertThat(outcome(run, clean).status()).isEqualTo(QualityStatus.PASSED);
        assertThat(failed(outcome(run, collided))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "key_collision", "warn:4:[residents_2024.csv:14, residents_2024.csv:16, residents_2024.csv:15, residents_2024.csv:17]",
                "duplicate_key", "warn:6:[residents_2024.csv:14, residents_2024.csv:15, residents_2024.csv:16, residents_2024.csv:17, "
                        + "residents_2024.csv:18]",
                "key_uniqueness", "warn:0:[]"));
        assertThat(outcome(run, collided).quarantinedRows()).isZero();
    }

    static String[] payment(int i, String month) {
        return new String[] {"PAY" + month + String.format("%04d", i), null, idNumber("1970-03-03", i), "低保", month, "1,234.50", "3",
                "1,100.00", "330102"};
    }

    static String[] childcare(int i) {
        return new String[] {"TY" + String.format("%05d", i), "托育机构" + i, "330106", "60", "2021-06-01", "正常运营"};
    }

    static String[] enrolment(int i) {
        return new String[] {idNumber("1980-07-07", i), "参保人" + i, "390", "1", "20200101", null, "330102", null};
    }

    static String[] elderly(int i) {
        return new String[] {"E202403" + String.format("%04d", i), idNumber("1950-02-02", i), "2024/03/" + String.format("%02d", i % 28 + 1),
                "F001", i % 2 == 0 ? "是" : "否"};
    }

    static String[] school(int i) {
        return new String[] {"33010000" + String.format("%02d", i), "学校" + i, "330102", "02", "1", null};
    }

    static String[] roll(int i, int school) {
        return new String[] {"XJ" + String.format("%06d", i), idNumber("2015-09-09", i), "33010000" + String.format("%02d", school), "11",
                "2024-2025", "在读", "false", "2024-09-01"};
    }

    static List<String[]> times(int count, java.util.function.IntFunction<String[]> row) {
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            rows.add(row.apply(i));
        }
        return rows;
    }

    /** rule → "severity:failing rows" of the failed rules. */
    static Map<String, String> failedCounts(DeliveryOutcome outcome) {
        return outcome.failures().stream().collect(Collectors.toMap(RuleResult::rule,
                result -> result.severity().label() + ":" + result.failingRows()));
    }

    @Test
    void defectsOfTheOtherExtractsLandInTheirRules() {
        String january = fixtures.delivery("payments", "202401").rows(times(12, i -> payment(i, "202401")))
                .row(with(payment(20, "202401"), 5, "10,000,000.00"))                      // a payment of 10 million
                .row(with(payment(21, "202401"), 3, "低保边"))                              // unknown programme
                .row(with(with(payment(22, "202401"), 5, "-1,234.50"), 1, "PAY2024010001")) // a proper reversal
                .row(with(payment(23, "202401"), 5, "-50.00"))                              // a reversal naming nothing
                .ingest();
        String february = fixtures.delivery("payments", "202402").rows(times(12, i -> payment(i, "202402")))
                .row(with(payment(1, "202402"), 0, "PAY2024010001"))                        // January's payment id again
                .ingest();
        String childcare = fixtures.delivery("childcare", "2024").rows(times(12, QualityGateTest::childcare))
                .row(with(childcare(13), 3, "-5")).ingest();
        String enrolments = fixtures.delivery("enrolments", "2024", "330102").rows(times(12, QualityGateTest::enrolment))
                .row(with(enrolment(13), 2, "999")).ingest();
        String elderly = fixtures.delivery("elderly_checkups", "202403").rows(times(12, QualityGateTest::elderly))
                .row(with(elderly(13), 2, "2024/02/30")).row(with(elderly(14), 2, "2024/04/01")).ingest();
        String schools = fixtures.delivery("schools", "2024").rows(times(3, QualityGateTest::school)).ingest();
        String rolls = fixtures.delivery("rolls", "2024").rows(times(12, i -> roll(i, i % 3 + 1))).row(roll(13, 99)).ingest();

        QualityRun run = check();

        assertThat(failedCounts(outcome(run, january))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "value_out_of_range", "drop:1", "programme_unknown", "drop:1", "reversal_without_original", "warn:1",
                "mean_amount", "warn:0", "payment_id_in_other_delivery", "warn:1"));
        assertThat(failedCounts(outcome(run, february))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "payment_id_in_other_delivery", "warn:1"));
        assertThat(failedCounts(outcome(run, childcare))).containsExactlyInAnyOrderEntriesOf(Map.of("value_out_of_range", "drop:1"));
        assertThat(failedCounts(outcome(run, enrolments))).containsExactlyInAnyOrderEntriesOf(Map.of("scheme_unknown", "drop:1"));
        assertThat(failedCounts(outcome(run, elderly))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "value_unparseable", "warn:1", "check_date_outside_period", "warn:1"));
        assertThat(outcome(run, schools).status()).isEqualTo(QualityStatus.PASSED);
        assertThat(failedCounts(outcome(run, rolls))).containsExactlyInAnyOrderEntriesOf(Map.of("school_unknown", "warn:1"));
        assertThat(run.outcomes()).extracting(DeliveryOutcome::status).doesNotContain(QualityStatus.REJECTED);
    }

    static String[] childCheckup(int i, String month) {
        return new String[] {"C" + month + String.format("%04d", i), idNumber("2023-01-01", i),
                month.substring(0, 4) + "-" + month.substring(4) + "-" + String.format("%02d", i % 28 + 1), "F001", "02", "12"};
    }

    @Test
    void aPartialMonthlyExportIsFlaggedBySizeOnceHistoryExists() {
        for (String month : List.of("202401", "202402", "202403", "202404")) {
            fixtures.delivery("child_checkups", month).rows(times(20, i -> childCheckup(i, month))).ingest();
        }
        QualityRun history = check();
        assertThat(history.outcomes()).extracting(DeliveryOutcome::status).containsOnly(QualityStatus.PASSED);
        RuleResult firstMonth = result(history.outcomes().get(0), "size_anomaly");
        assertThat(firstMonth.message()).contains("not checked");

        String may = fixtures.delivery("child_checkups", "202405").rows(times(21, i -> childCheckup(i, "202405"))).ingest();
        String partialJune = fixtures.delivery("child_checkups", "202406").rows(times(6, i -> childCheckup(i, "202406"))).ingest();
        QualityRun run = check();

        assertThat(result(outcome(run, may), "size_anomaly").passed()).isTrue();
        RuleResult june = result(outcome(run, partialJune), "size_anomaly");
        assertThat(june.passed()).isFalse();
        assertThat(june.severity()).isEqualTo(Severity.WARN);
        assertThat(june.metric()).isEqualTo(6.0);
        assertThat(june.message()).contains("previous delivery of the series had 21 rows");
        assertThat(outcome(run, partialJune).status()).isEqualTo(QualityStatus.WARNED);
        assertThat(spark.read().format("delta").load(fixtures.layout().quality("metrics")).count()).isEqualTo(6);
    }

    @Test
    void aHeaderOnlyDeliveryIsAValidEmptyDeliveryNotARejection() {
        String empty = fixtures.delivery("deaths", "202402").rows(List.of()).ingest();
        QualityRun run = check();
        DeliveryOutcome outcome = outcome(run, empty);
        assertThat(outcome.status()).isNotEqualTo(QualityStatus.REJECTED);
        assertThat(result(outcome, "rows_misaligned").passed()).isTrue();
        assertThat(result(outcome, "rows_misaligned").message()).contains("no rows");
    }

    @Test
    void aDeliveryIngestReadWithAWarningIsWarnedAndTheResultNamesTheFileAndTheReason() {
        String clean = fixtures.delivery("deaths", "202402").rows(deaths(12, "202402")).ingest();
        String decoded = fixtures.delivery("deaths", "202403").rows(deaths(12, "202403")).ingest();
        String warning = "wrong encoding: expected UTF-8, decoded as GBK (its header line is the expected header only in GBK)";
        spark.sql("UPDATE delta.`" + fixtures.layout().ingestManifest() + "` SET ingest_warnings = array('" + warning
                + "') WHERE file_id = '" + decoded + "'");

        QualityRun run = check();

        assertThat(outcome(run, clean).status()).isEqualTo(QualityStatus.PASSED);
        assertThat(result(outcome(run, clean), "read_with_warning").passed()).isTrue();
        assertThat(failed(outcome(run, decoded))).containsExactly(Map.entry("read_with_warning", "warn:0:[]"));
        assertThat(outcome(run, decoded).status()).isEqualTo(QualityStatus.WARNED);
        assertThat(manifestStatuses()).containsEntry(clean, "passed").containsEntry(decoded, "warned");
        Row stored = spark.read().format("delta").load(fixtures.layout().quality("check_results"))
                .where("file_id = '" + decoded + "' AND rule = 'read_with_warning'").head();
        assertThat(stored.<String>getAs("status")).isEqualTo("failed");
        assertThat(stored.<String>getAs("severity")).isEqualTo("warn");
        assertThat(stored.<String>getAs("message")).isEqualTo("deaths_202403.csv: " + warning);
    }

    static RuleResult result(DeliveryOutcome outcome, String rule) {
        return outcome.results().stream().filter(result -> result.rule().equals(rule)).findFirst().orElseThrow();
    }

    static String idWithCheckCharacterX() {
        for (int sequence = 1; ; sequence++) {
            String id = idNumber("1960-05-05", sequence);
            if (id.endsWith("X")) {
                assertThat(ResidentIdNumbers.isValid(id)).isTrue();
                return id;
            }
        }
    }

    static DeliveryOutcome outcome(QualityRun run, String fileId) {
        return run.outcomes().stream().filter(outcome -> outcome.delivery().fileId().equals(fileId)).findFirst().orElseThrow();
    }

    /** rule → "severity:failing rows:examples" of the failed rules. */
    static Map<String, String> failed(DeliveryOutcome outcome) {
        return outcome.failures().stream().collect(Collectors.toMap(RuleResult::rule,
                result -> result.severity().label() + ":" + result.failingRows() + ":" + result.exampleLocations()));
    }

    Map<String, String> manifestStatuses() {
        Map<String, String> statuses = new HashMap<>();
        spark.read().format("delta").load(fixtures.layout().ingestManifest()).collectAsList()
                .forEach(row -> statuses.put(row.getString(row.fieldIndex("file_id")), row.getString(row.fieldIndex("quality_status"))));
        return statuses;
    }
}
