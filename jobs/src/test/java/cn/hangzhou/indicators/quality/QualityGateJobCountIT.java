package cn.hangzhou.indicators.quality;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.ops.RunContext;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import cn.hangzhou.indicators.testing.ProjectFiles;
import cn.hangzhou.indicators.testing.QualityFixtures;
import cn.hangzhou.indicators.testing.SharedSpark;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate's cost follows rows, not deliveries: checking an extract with 100 pending deliveries takes as many Spark
 * jobs as with 10, and the size history still judges each month against the months before it in the same run.
 */
class QualityGateJobCountIT {

    static final int ROWS = 20;
    /** The delivery that is a partial export (6 rows): it, and the normal month after it, are flagged by size. */
    static final int PARTIAL = 7;

    @TempDir
    Path tenDeliveries;
    @TempDir
    Path hundredDeliveries;

    final SparkSession spark = SharedSpark.session();

    record CountedRun(QualityRun run, int jobs) {
    }

    @Test
    void theGatesSparkJobsForAnExtractDoNotGrowWithItsPendingDeliveries() throws TimeoutException {
        CountedRun ten = check(tenDeliveries, 10);
        CountedRun hundred = check(hundredDeliveries, 100);

        assertThat(ten.run().outcomes()).hasSize(10);
        assertThat(hundred.run().outcomes()).hasSize(100);
        assertThat(hundred.jobs()).isEqualTo(ten.jobs());
        for (CountedRun counted : List.of(ten, hundred)) {
            List<String> sizeFlagged = counted.run().outcomes().stream()
                    .filter(outcome -> !QualityGateTest.result(outcome, "size_anomaly").passed())
                    .map(outcome -> outcome.delivery().period()).toList();
            assertThat(sizeFlagged).containsExactly(month(PARTIAL), month(PARTIAL + 1));
            assertThat(counted.run().outcomes()).extracting(DeliveryOutcome::status).doesNotContain(QualityStatus.REJECTED);
        }
    }

    static String month(int index) {
        return YearMonth.of(2015, 1).plusMonths(index).format(DateTimeFormatter.ofPattern("yyyyMM"));
    }

    /** Ingests {@code count} monthly payments deliveries in one commit, then counts the Spark jobs of the gate's run. */
    CountedRun check(Path warehouse, int count) throws TimeoutException {
        QualityFixtures fixtures = new QualityFixtures(spark, new WarehouseLayout(warehouse.toString()));
        List<QualityFixtures.DeliveryBuilder> deliveries = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            String month = month(index);
            deliveries.add(fixtures.delivery("payments", month)
                    .rows(QualityGateTest.times(index == PARTIAL ? 6 : ROWS, i -> QualityGateTest.payment(i, month))));
        }
        fixtures.ingest(deliveries);
        QualityGate gate = new QualityGate(spark, ProjectFiles.schemas(), ProjectFiles.reference(), QualityGateTest.CONFIG,
                fixtures.layout(), Clock.systemUTC());
        AtomicInteger started = new AtomicInteger();
        SparkListener listener = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart jobStart) {
                started.incrementAndGet();
            }
        };
        spark.sparkContext().listenerBus().waitUntilEmpty(60_000);
        spark.sparkContext().addSparkListener(listener);
        try {
            QualityRun run = gate.run(RunContext.start("check", List.of()));
            spark.sparkContext().listenerBus().waitUntilEmpty(60_000);
            return new CountedRun(run, started.get());
        } finally {
            spark.sparkContext().removeSparkListener(listener);
        }
    }
}
