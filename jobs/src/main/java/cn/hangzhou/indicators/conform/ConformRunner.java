package cn.hangzhou.indicators.conform;

import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;

import cn.hangzhou.indicators.config.ExtractSchema;
import cn.hangzhou.indicators.config.SchemaCatalog;
import cn.hangzhou.indicators.ops.DeltaTables;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code conform}: accepted bronze rows into the silver tables, rewriting only the periods that changed, and
 * recording in {@code ops/conform_state} which deliveries silver now holds. Delta commits carry the run id
 * through the session ({@code SparkSessions.markCommits}).
 */
public final class ConformRunner {

    /** What a run did: the periods written per silver table, and the periods held back per extract (with why). */
    public record Outcome(Map<String, Set<String>> periodsWritten, Map<String, Map<String, String>> periodsHeldBack,
                          boolean anyRejected) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConformRunner.class);
    private static final StructType CONFORM_STATE = new StructType()
            .add("extract", DataTypes.StringType)
            .add("source_name", DataTypes.StringType)
            .add("file_id", DataTypes.StringType)
            .add("period", DataTypes.StringType)
            .add("conformed_run_id", DataTypes.StringType);

    private final SparkSession spark;
    private final WarehouseLayout layout;
    private final SchemaCatalog schemas;
    private final Pseudonymiser pseudonymiser;
    private final String runId;
    private final boolean everyPeriod;

    /** @param everyPeriod reconsider every accepted period, not only changed ones (after a key or code change) */
    public ConformRunner(SparkSession spark, WarehouseLayout layout, SchemaCatalog schemas, Pseudonymiser pseudonymiser,
                         String runId, boolean everyPeriod) {
        this.spark = spark;
        this.layout = layout;
        this.schemas = schemas;
        this.pseudonymiser = pseudonymiser;
        this.runId = runId;
        this.everyPeriod = everyPeriod;
    }

    public Outcome run() {
        Map<String, Set<String>> written = new LinkedHashMap<>();
        Map<String, Map<String, String>> heldBack = new LinkedHashMap<>();
        if (!DeltaTables.exists(spark, layout.ingestManifest())) {
            LOG.warn("no ingest manifest at {}: nothing to conform (run ingest first)", layout.ingestManifest());
            return new Outcome(written, heldBack, false);
        }
        List<Row> manifest = spark.read().format("delta").load(layout.ingestManifest())
                .filter(col("status").equalTo("ingested"))
                .select("department", "extract", "source_name", "file_id", "period", "quality_status")
                .collectAsList();
        List<Row> stateBefore = DeltaTables.exists(spark, layout.conformState())
                ? spark.read().format("delta").load(layout.conformState()).collectAsList() : List.of();
        List<Row> stateAfter = new ArrayList<>();
        boolean anyRejected = false;
        for (ExtractSchema schema : schemas.inContractOrder()) {
            DeliveryPlan plan = plan(schema, manifest, stateBefore);
            if (!plan.heldBackPeriods().isEmpty()) {
                heldBack.put(schema.extract(), plan.heldBackPeriods());
                plan.heldBackPeriods().forEach((period, reason) -> LOG.warn(
                        "{} {}: a current delivery is {}; its silver rows are left as they are", schema.extract(), period, reason));
            }
            anyRejected |= plan.anyRejected();
            List<DeliveryPlan.ConformedDelivery> after = previous(schema, stateBefore);
            if (!everyPeriod && plan.unchanged()) {
                LOG.info("{}: no new, corrected or newly accepted delivery", schema.extract());
            } else if (conform(schema, plan, written)) {
                after = plan.conformedAfter(runId);
            }
            after.forEach(delivery -> stateAfter.add(RowFactory.create(schema.extract(), delivery.sourceName(),
                    delivery.fileId(), delivery.period(), delivery.conformedRunId())));
        }
        if (!Set.copyOf(stateAfter).equals(Set.copyOf(stateBefore))) {
            spark.createDataFrame(stateAfter, CONFORM_STATE).coalesce(1).write().format("delta").mode(SaveMode.Overwrite)
                    .save(layout.conformState());
        }
        return new Outcome(written, heldBack, anyRejected);
    }

    /** Conforms one extract's changed periods (every accepted one where keys are unique across deliveries); false when bronze is missing. */
    private boolean conform(ExtractSchema schema, DeliveryPlan plan, Map<String, Set<String>> written) {
        String bronzePath = layout.bronze(schema.extract());
        if (!DeltaTables.exists(spark, bronzePath)) {
            LOG.warn("{}: the manifest lists deliveries but there is no bronze table at {}", schema.extract(), bronzePath);
            return false;
        }
        for (SilverTable table : SilverTable.values()) {
            if (!table.extract().equals(schema.id())) {
                continue;
            }
            Set<String> periods = table.resolvedAcrossPeriods() || everyPeriod ? plan.acceptedPeriods() : plan.changedPeriods();
            Dataset<Row> kept = table.resolvedAcrossPeriods() ? keptKeys(table, plan.heldBackPeriods().keySet()) : null;
            Dataset<Row> silver = silverRows(schema, table, bronzePath, plan.acceptedFileIds(), periods, kept)
                    .persist(StorageLevel.MEMORY_AND_DISK());
            try {
                write(table.tableName(), silver, periods, written);
                if (table == SilverTable.RESIDENTS) {
                    write("resident_register", new ResidentRegisterStage().apply(silver), periods, written);
                }
            } finally {
                silver.unpersist();
            }
        }
        return true;
    }

    private Dataset<Row> silverRows(ExtractSchema schema, SilverTable table, String bronzePath, Set<String> fileIds,
                                    Set<String> periods, Dataset<Row> kept) {
        List<Column> columns = new ArrayList<>();
        schema.columnNames().forEach(name -> columns.add(col(name)));
        List.of("_file_id", "_row_number", "_period").forEach(name -> columns.add(col(name)));
        Dataset<Row> bronze = spark.read().format("delta").load(bronzePath)
                .filter(col("_file_id").isin(fileIds.toArray()).and(col("_period").isin(periods.toArray())))
                .select(columns.toArray(Column[]::new));
        Dataset<Row> accepted = bronze.join(quarantined(fileIds),
                col("_file_id").equalTo(col("quarantined_file_id")).and(col("_row_number").equalTo(col("quarantined_row_number"))),
                "left_anti");
        return new SilverRows(schema, pseudonymiser).apply(table, accepted, kept);
    }

    /** The keys of the silver rows of held-back periods, which stay and may supersede a row of an earlier period. */
    private Dataset<Row> keptKeys(SilverTable table, Set<String> heldBackPeriods) {
        String path = layout.silver(table.tableName());
        if (heldBackPeriods.isEmpty() || !DeltaTables.exists(spark, path)) {
            return null;
        }
        List<Column> columns = new ArrayList<>();
        table.grain().forEach(name -> columns.add(col(name)));
        if (table.recordPeriod() != null) {
            columns.add(table.recordPeriod().as(SilverTable.RECORD_PERIOD));
            columns.add(SilverTable.recordPerson().as(SilverTable.RECORD_PERSON));
        }
        columns.add(col("_period"));
        // merged duplicates come from one file
        columns.add(element_at(col("_sources.file_id"), 1).as("_file_id"));
        columns.add(array_max(col("_sources.row_number")).as("_row_number"));
        return spark.read().format("delta").load(path).filter(col("_period").isin(heldBackPeriods.toArray()))
                .select(columns.toArray(Column[]::new));
    }

    private Dataset<Row> quarantined(Set<String> fileIds) {
        StructType columns = new StructType().add("quarantined_file_id", DataTypes.StringType)
                .add("quarantined_row_number", DataTypes.LongType);
        if (!DeltaTables.exists(spark, layout.quarantine())) {
            return spark.createDataFrame(List.of(), columns);
        }
        return spark.read().format("delta").load(layout.quarantine())
                .filter(col("file_id").isin(fileIds.toArray()))
                .select(col("file_id").as("quarantined_file_id"), col("row_number").as("quarantined_row_number"));
    }

    private void write(String tableName, Dataset<Row> rows, Set<String> periods, Map<String, Set<String>> written) {
        Set<String> replaced = new PeriodReplacement(spark).replaceChanged(layout.silver(tableName), rows, periods);
        LOG.info("{}: {} period(s) rewritten{}", tableName, replaced.size(), replaced.isEmpty() ? "" : " " + replaced);
        if (!replaced.isEmpty()) {
            written.put(tableName, new TreeSet<>(replaced));
        }
    }

    private static DeliveryPlan plan(ExtractSchema schema, List<Row> manifest, List<Row> state) {
        List<DeliveryPlan.Delivery> deliveries = manifest.stream()
                .filter(row -> schema.department().equals(row.getAs("department")) && schema.extract().equals(row.getAs("extract")))
                .map(row -> new DeliveryPlan.Delivery(row.getAs("source_name"), row.getAs("file_id"), row.getAs("period"),
                        row.getAs("quality_status")))
                .toList();
        return new DeliveryPlan(deliveries, previous(schema, state));
    }

    private static List<DeliveryPlan.ConformedDelivery> previous(ExtractSchema schema, List<Row> state) {
        return state.stream().filter(row -> schema.extract().equals(row.getAs("extract")))
                .map(row -> new DeliveryPlan.ConformedDelivery(row.getAs("source_name"), row.getAs("file_id"),
                        row.getAs("period"), row.getAs("conformed_run_id")))
                .toList();
    }
}
