package cn.hangzhou.indicators.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import cn.hangzhou.indicators.ops.WarehouseLayout;
import cn.hangzhou.indicators.testing.ProjectFiles;
import cn.hangzhou.indicators.testing.ManifestRows;
import cn.hangzhou.indicators.testing.QualityFixtures;
import cn.hangzhou.indicators.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The cost of the gate (docs/benchmarks.md, "Quality gate"): a synthesized bronze payments table of
 * {@code -Dbenchmark.rows} rows (default 1M) in 10 monthly deliveries with about 1% defects, the time to write
 * it, and the time to check it. Not part of the test suite: {@code mvn -o test -Dtest=QualityGateBenchmark}.
 */
class QualityGateBenchmark {

    @Test
    void checkTimeAgainstWriteTime() throws Exception {
        long rows = Long.getLong("benchmark.rows", 1_000_000L);
        int months = 10;
        SparkSession spark = SharedSpark.session();
        Path warehouse = Files.createTempDirectory("quality-benchmark");
        WarehouseLayout layout = new WarehouseLayout(warehouse.toString());
        QualityRuleSet rules = QualityConfig.load(QualityConfig.folder(ProjectFiles.home()), ProjectFiles.schemas()).forExtract("payments");
        RowRules.registerFunctions(spark);
        // payments of months 202401..202410; ID numbers valid by construction except every 500th (check character off by one)
        Dataset<Row> bronze = spark.range(rows).select(
                expr("concat('PAY', lpad(CAST(id AS STRING), 10, '0'))").as("payment_id"),
                lit(null).cast("string").as("reversed_payment_id"),
                expr("concat('3301021970', lpad(CAST(id % 12 + 1 AS STRING), 2, '0'), '15', lpad(CAST(id % 1000 AS STRING), 3, '0'))").as("first17"),
                expr("CASE WHEN id % 200 = 7 THEN '低保边' ELSE '低保' END").as("programme"),
                expr("concat('2024', lpad(CAST(id % " + months + " + 1 AS STRING), 2, '0'))").as("payment_month"),
                expr("CASE WHEN id % 300 = 11 THEN '10,000,000.00' ELSE format_number(500 + id % 1000, 2) END").as("amount"),
                lit("3").as("household_size"), lit("1,100.00").as("monthly_standard"),
                expr("CASE WHEN id % 250 = 13 THEN '330199' ELSE '330102' END").as("district"),
                expr("id + 2").as("_row_number"))
                .withColumn("id_number", expr("concat(first17, CASE WHEN " + checkCharacterSql("first17") + " = 'X' THEN 'X' ELSE "
                        + checkCharacterSql("first17") + " END)"))
                .withColumn("id_number", expr("CASE WHEN _row_number % 500 = 0 THEN concat(first17, '0') ELSE id_number END"))
                .withColumn("_period", col("payment_month"))
                .withColumn("_source_name", expr("concat('payments_', payment_month, '.csv')"))
                .withColumn("_file_id", expr("sha2(_source_name, 256)"))
                .withColumn("_extra_columns", lit(null).cast("map<string,string>"))
                .withColumn("_batch_id", lit("benchmark"))
                .withColumn("_ingested_at", lit(Timestamp.from(Instant.now())))
                .selectExpr(QualityGate.bronzeSchema(new QualityFixtures(spark, layout).schema("payments")).fieldNames());

        long writeStarted = System.nanoTime();
        bronze.write().format("delta").mode("overwrite").save(layout.bronze("payments"));
        double writeSeconds = (System.nanoTime() - writeStarted) / 1e9;

        List<Row> manifest = new ArrayList<>();
        Timestamp now = Timestamp.from(Instant.now());
        for (Row delivery : spark.read().format("delta").load(layout.bronze("payments"))
                .groupBy("_file_id", "_source_name", "_period").count().collectAsList()) {
            manifest.add(RowFactory.create(delivery.getString(0), "/landing/assistance/payments/" + delivery.getString(1), delivery.getString(1),
                    delivery.getString(1), "assistance", "payments", delivery.getString(2), null, 0L, delivery.getString(0), now, now,
                    "benchmark", "ingested", delivery.getLong(3), delivery.getLong(3), 0L, 0L, null, null, null));
        }
        ManifestRows.frame(spark, manifest).write().format("delta").mode("append").save(layout.ingestManifest());

        QualityGate gate = new QualityGate(spark, ProjectFiles.schemas(), ProjectFiles.reference(),
                QualityConfig.load(QualityConfig.folder(ProjectFiles.home()), ProjectFiles.schemas()), layout, Clock.systemUTC());
        long checkStarted = System.nanoTime();
        QualityRun run = gate.run(cn.hangzhou.indicators.ops.RunContext.start("check", List.of()));
        double checkSeconds = (System.nanoTime() - checkStarted) / 1e9;

        long quarantined = run.outcomes().stream().mapToLong(DeliveryOutcome::quarantinedRows).sum();
        System.out.printf(Locale.ROOT, "BENCHMARK rows=%d deliveries=%d rules=%d write=%.1fs check=%.1fs ratio=%.2f quarantined=%d statuses=%s%n",
                rows, run.outcomes().size(), rules.rules().size(), writeSeconds, checkSeconds, checkSeconds / writeSeconds, quarantined,
                run.outcomes().stream().map(outcome -> outcome.status().label()).distinct().toList());
    }

    /** The GB 11643 check character of a 17-digit column, in SQL. */
    private static String checkCharacterSql(String column) {
        StringBuilder sum = new StringBuilder("(");
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        for (int i = 0; i < 17; i++) {
            sum.append(i == 0 ? "" : " + ").append("CAST(substring(").append(column).append(", ").append(i + 1).append(", 1) AS INT) * ")
                    .append(weights[i]);
        }
        return "element_at(array('1','0','X','9','8','7','6','5','4','3','2'), CAST(" + sum + ") % 11 AS INT) + 1)";
    }
}
