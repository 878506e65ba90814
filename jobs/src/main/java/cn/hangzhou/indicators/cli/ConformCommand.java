package cn.hangzhou.indicators.cli;

import cn.hangzhou.indicators.config.RunSettings;
import cn.hangzhou.indicators.conform.ConformRunner;
import cn.hangzhou.indicators.conform.PseudonymisationKeys;
import cn.hangzhou.indicators.conform.Pseudonymiser;
import cn.hangzhou.indicators.ops.RunContext;
import cn.hangzhou.indicators.ops.StageMetrics;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import java.io.PrintWriter;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code indicators conform}: accepted bronze rows into the typed, pseudonymised silver tables. */
@Command(name = "conform", mixinStandardHelpOptions = true,
        description = "Conforms the bronze rows the quality gate accepted into one silver Delta table per entity: "
                + "typed, deduplicated, pseudonymised (person keys), with lineage. Only periods with new, corrected or "
                + "newly accepted deliveries are rewritten; a period whose current delivery is not checked yet or was "
                + "rejected keeps its silver rows. Exits 4 when a period was held back because of a rejection.")
public class ConformCommand extends PipelineCommand {

    private static final Logger LOG = LoggerFactory.getLogger(ConformCommand.class);

    @Option(names = "--every-period",
            description = "reconsider every accepted period, not only changed ones (after a key or schema change); "
                    + "still rewrites only periods whose rows differ")
    boolean everyPeriod;

    @Override
    protected int run(RunSettings settings, SparkSession spark, RunContext runContext) {
        return conform(settings, spark, runContext, everyPeriod, spec.commandLine().getOut());
    }

    /** The conform step, shared with {@code nightly}: returns OK, or INPUT_REJECTED when a period was held back. */
    static int conform(RunSettings settings, SparkSession spark, RunContext runContext, boolean everyPeriod, PrintWriter out) {
        try (StageMetrics.Stage stage = StageMetrics.start("conform")) {
            return conformPeriods(settings, spark, runContext, everyPeriod, out);
        }
    }

    private static int conformPeriods(RunSettings settings, SparkSession spark, RunContext runContext, boolean everyPeriod, PrintWriter out) {
        Pseudonymiser pseudonymiser = PseudonymisationKeys.fromEnvironment()
                .pseudonymiser(settings.profileName(), settings.profile().pseudonymisationKey());
        ConformRunner.Outcome outcome = new ConformRunner(spark, new WarehouseLayout(settings.warehouse()),
                settings.schemas(), pseudonymiser, runContext.runId(), everyPeriod).run();
        LOG.info("conform run {}: periods rewritten {}; periods held back {}", runContext.runId(),
                outcome.periodsWritten(), outcome.periodsHeldBack());
        out.println("conform " + runContext.runId() + ": " + outcome.periodsWritten().values().stream().mapToInt(java.util.Set::size).sum()
                + " period(s) rewritten in " + outcome.periodsWritten().size() + " table(s); held back: "
                + (outcome.periodsHeldBack().isEmpty() ? "none" : outcome.periodsHeldBack()));
        out.flush();
        return outcome.anyRejected() ? ExitCodes.INPUT_REJECTED : ExitCodes.OK;
    }
}
