package cn.hangzhou.indicators.quality;

import static cn.hangzhou.indicators.testing.QualityFixtures.idNumber;
import static cn.hangzhou.indicators.testing.QualityFixtures.withWrongCheckCharacter;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.config.ResidentIdNumbers;
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
        return gate().run(QualityGate.newRunId(Clock.systemUTC()));
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
                .ingest();

        QualityRun run = check();

        assertThat(outcome(run, clean).status()).isEqualTo(QualityStatus.PASSED);
        assertThat(outcome(run, clean).failures()).isEmpty();
        DeliveryOutcome outcome = outcome(run, defective);
        assertThat(failed(outcome)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "id_number_invalid", "warn:2:[deaths_202403.csv:14, deaths_202403.csv:23]",
                "id_number_not_normalised", "warn:2:[deaths_202403.csv:15, deaths_202403.csv:16]",
                "value_unparseable", "drop:1:[deaths_202403.csv:17]",
                "death_date_outside_period", "warn:1:[deaths_202403.csv:18]",
                "death_before_birth", "drop:1:[deaths_202403.csv:19]",
                "district_unknown", "drop:1:[deaths_202403.csv:20]",
                "duplicate_key", "warn:2:[deaths_202403.csv:21, deaths_202403.csv:22]",
                "key_uniqueness", "warn:0:[]"));
        assertThat(outcome.status()).isEqualTo(QualityStatus.WARNED);
        assertThat(outcome.rows()).isEqualTo(22);
        assertThat(outcome.quarantinedRows()).isEqualTo(3);

        List<Row> quarantine = spark.read().format("delta").load(fixtures.layout().quarantine())
                .where("stage = 'quality'").orderBy("row_number").collectAsList();
        assertThat(quarantine).extracting(row -> row.getLong(row.fieldIndex("row_number"))).containsExactly(17L, 19L, 20L);
        assertThat(quarantine.get(0).<String>getList(quarantine.get(0).fieldIndex("reasons"))).containsExactly("value_unparseable");
        assertThat(manifestStatuses()).containsEntry(clean, "passed").containsEntry(defective, "warned");
        long results = spark.read().format("delta").load(fixtures.layout().quality("check_results"))
                .where("file_id = '" + defective + "' AND run_id = '" + run.runId() + "'").count();
        assertThat(results).isEqualTo(CONFIG.forExtract("deaths").rules().size() + 1);
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
