package cn.hangzhou.indicators.conform;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.indicators.IndicatorCatalogue;
import cn.hangzhou.indicators.indicators.IndicatorRunner;
import cn.hangzhou.indicators.indicators.IndicatorValue;
import cn.hangzhou.indicators.ops.RunContext;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import cn.hangzhou.indicators.quality.QualityConfig;
import cn.hangzhou.indicators.quality.QualityGate;
import cn.hangzhou.indicators.testing.ProjectFiles;
import cn.hangzhou.indicators.testing.QualityFixtures;
import cn.hangzhou.indicators.testing.SharedSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * check → conform → compute on Delta tables in a temporary warehouse: two infants delivered under one archive number
 * are both in the register, so both count in T2-03's denominator; one infant's archive delivered twice counts once,
 * in the district of the version opened last; the gate locates the collisions.
 */
class PersonsUnderOneRecordKeyIT {

    private static final String FIRST_INFANT = QualityFixtures.idNumber("2023-03-01", 11);
    private static final String SECOND_INFANT = QualityFixtures.idNumber("2023-08-15", 22);
    private static final String THIRD_INFANT = QualityFixtures.idNumber("2024-01-20", 33);

    @TempDir
    Path folder;

    @Test
    void theSecondPersonUnderAnArchiveNumberCountsInTheRegisterBasedIndicator() {
        SparkSession spark = SharedSpark.session();
        WarehouseLayout layout = new WarehouseLayout(folder.resolve("warehouse").toString());
        QualityFixtures fixtures = new QualityFixtures(spark, layout);
        fixtures.delivery("residents", "2024")
                .row(archive("HZ330102000000001", FIRST_INFANT, "2023-03-01", "330102", "2023-03-10"))   // row 2
                .row(archive("HZ330102000000001", SECOND_INFANT, "2023-08-15", "330102", "2023-09-01"))  // row 3
                .row(archive("HZ330106000000002", THIRD_INFANT, "2024-01-20", "330106", "2024-06-01"))   // row 4: opened last
                .row(archive("HZ330106000000002", THIRD_INFANT, "2024-01-20", "330105", "2024-02-01"))   // row 5
                .ingest();
        fixtures.delivery("child_checkups", "202405")
                .row("CC-1", FIRST_INFANT, "2024-05-06", "F001", "02", "14")
                .row("CC-2", THIRD_INFANT, "2024-05-07", "F001", "02", "3")
                .ingest();
        String checkRun = RunContext.start("check", List.of()).runId();
        try {
            new QualityGate(spark, ProjectFiles.schemas(), ProjectFiles.reference(),
                    QualityConfig.load(QualityConfig.folder(ProjectFiles.home()), ProjectFiles.schemas()), layout, Clock.systemUTC())
                    .run(RunContext.current());
        } finally {
            RunContext.finish();
        }
        Pseudonymiser pseudonymiser = new Pseudonymiser("the key of this test, 32 characters or more".getBytes(StandardCharsets.UTF_8));
        new ConformRunner(spark, layout, ProjectFiles.schemas(), pseudonymiser, "conform-run", false).run();
        new IndicatorRunner(spark, layout, IndicatorCatalogue.load(ProjectFiles.home()), ProjectFiles.reference().districtCodes(),
                "revision").compute(List.of(2024), "compute-run");

        Map<String, IndicatorValue> infantHealth = IndicatorRunner.readValues(spark, layout, List.of(2024)).stream()
                .filter(value -> value.indicatorId().equals("T2-03"))
                .collect(Collectors.toMap(IndicatorValue::districtCode, value -> value));
        // 330102: both infants of archive …001 aged 0-2, the first checked; 330106: the third infant, at the archive
        // version opened last (not 330105's, later in the file), checked
        assertThat(numeratorAndDenominator(infantHealth, "330102")).isEqualTo("1.0/2.0");
        assertThat(numeratorAndDenominator(infantHealth, "330106")).isEqualTo("1.0/1.0");
        assertThat(numeratorAndDenominator(infantHealth, "330105")).isEqualTo("0.0/0.0");
        assertThat(numeratorAndDenominator(infantHealth, "330100")).isEqualTo("2.0/3.0");
        assertThat(infantHealth.get("330102").value()).isEqualTo(50.0);

        List<Row> collisions = spark.read().format("delta").load(layout.quality("check_results"))
                .where("rule = 'key_collision' AND extract = 'residents' AND run_id = '" + checkRun + "'").collectAsList();
        assertThat(collisions).hasSize(1);
        assertThat(collisions.get(0).<String>getAs("status")).isEqualTo("failed");
        assertThat(collisions.get(0).<Long>getAs("failing_rows")).isEqualTo(4L);
        assertThat(collisions.get(0).<String>getList(collisions.get(0).fieldIndex("example_locations")))
                .containsExactly("residents_2024.csv:2", "residents_2024.csv:3", "residents_2024.csv:4", "residents_2024.csv:5");
    }

    private static String numeratorAndDenominator(Map<String, IndicatorValue> values, String district) {
        IndicatorValue value = values.get(district);
        return value.numerator() + "/" + value.denominator();
    }

    private static String[] archive(String archiveNumber, String idNumber, String birthDate, String district, String opened) {
        return new String[] {archiveNumber, idNumber, "婴儿", "2", birthDate, district, "1", opened, "1"};
    }
}
