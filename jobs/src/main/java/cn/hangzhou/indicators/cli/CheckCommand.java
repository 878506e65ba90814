package cn.hangzhou.indicators.cli;

import cn.hangzhou.indicators.config.RunSettings;
import cn.hangzhou.indicators.ops.RunContext;
import cn.hangzhou.indicators.ops.StageMetrics;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import cn.hangzhou.indicators.quality.QualityConfig;
import cn.hangzhou.indicators.quality.QualityGate;
import cn.hangzhou.indicators.quality.QualityReport;
import cn.hangzhou.indicators.quality.QualityRun;
import java.time.Clock;
import java.io.PrintWriter;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;

/** {@code bin/indicators check}: the data-quality gate over deliveries ingested but not yet checked. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Runs the data-quality gate (conf/quality/) on every delivery ingested but not yet checked:",
                "quarantines rows failing drop rules, records results in analytics/quality/check_results, sets",
                "quality_status (passed, warned, rejected) in ops/ingest_manifest and writes a report under reports/.",
                "Ends with exit code 4 when a delivery was rejected."})
public class CheckCommand extends PipelineCommand {

    @Override
    protected int run(RunSettings settings, SparkSession spark, RunContext runContext) {
        return check(settings, spark, runContext, spec.commandLine().getOut());
    }

    /** The quality-gate step, shared with {@code nightly}: returns OK or INPUT_REJECTED. */
    static int check(RunSettings settings, SparkSession spark, RunContext runContext, PrintWriter out) {
        try (StageMetrics.Stage stage = StageMetrics.start("check")) {
            return checkDeliveries(settings, spark, runContext, out);
        }
    }

    private static int checkDeliveries(RunSettings settings, SparkSession spark, RunContext runContext, PrintWriter out) {
        QualityConfig config = QualityConfig.load(QualityConfig.folder(settings.projectHome()), settings.schemas());
        WarehouseLayout layout = new WarehouseLayout(settings.warehouse());
        QualityRun run = new QualityGate(spark, settings.schemas(), settings.reference(), config, layout, Clock.systemUTC())
                .run(runContext);
        StageMetrics.addRows(run.outcomes().stream().mapToLong(outcome -> outcome.rows()).sum());
        String report = QualityReport.write(run, layout.reports(), spark.sparkContext().hadoopConfiguration());
        out.println("quality report: " + report);
        out.flush();
        if (!run.failedExtracts().isEmpty()) {
            throw new IllegalStateException("the gate could not check " + run.failedExtracts() + "; see the log and the report");
        }
        return run.anyRejected() ? ExitCodes.INPUT_REJECTED : ExitCodes.OK;
    }
}
