package cn.hangzhou.indicators.quality;

import static cn.hangzhou.indicators.quality.ColumnValues.trimmed;
import static cn.hangzhou.indicators.quality.ColumnValues.typed;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static cn.hangzhou.indicators.ops.SparkSessions.COMMIT_METADATA;
import static org.apache.spark.sql.functions.lit;

import cn.hangzhou.indicators.config.ColumnSpec;
import cn.hangzhou.indicators.config.ExtractSchema;
import cn.hangzhou.indicators.config.ReferenceData;
import cn.hangzhou.indicators.config.SchemaCatalog;
import cn.hangzhou.indicators.ops.RunContext;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import cn.hangzhou.indicators.quality.deequ.DeequDatasetChecks;
import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The data-quality gate: checks every delivery ingested but not yet checked, quarantines rows failing
 * {@code drop} rules, records every rule's result, and sets the delivery's quality_status. Per extract, the row
 * rules run in one Spark plan over the pending deliveries; the dataset rules of all of them in one Deequ analysis pass.
 */
public final class QualityGate {

    private static final Logger LOG = LogManager.getLogger(QualityGate.class);
    private static final int EXAMPLES = 5;
    /** The rule recording the drop share of a delivery against its rejection threshold. */
    public static final String DROP_THRESHOLD_RULE = "drop_threshold";

    private final SparkSession spark;
    private final SchemaCatalog schemas;
    private final ReferenceData reference;
    private final QualityConfig config;
    private final WarehouseLayout layout;
    private final Clock clock;
    private final QualityTables tables;

    public QualityGate(SparkSession spark, SchemaCatalog schemas, ReferenceData reference, QualityConfig config,
                       WarehouseLayout layout, Clock clock) {
        this.spark = spark;
        this.schemas = schemas;
        this.reference = reference;
        this.config = config;
        this.layout = layout;
        this.clock = clock;
        this.tables = new QualityTables(spark, layout);
    }

    /** Checks all pending deliveries; an extract that fails unexpectedly is reported and leaves its deliveries unchecked. */
    public QualityRun run(RunContext runContext) {
        String runId = runContext.runId();
        Instant checkedAt = clock.instant();
        String previousMetadata = spark.conf().get(COMMIT_METADATA, null);
        String previousParserPolicy = spark.conf().get(RowRules.TIME_PARSER_POLICY, null);
        spark.conf().set(COMMIT_METADATA, runContext.commitMetadata());
        RowRules.registerFunctions(spark);
        List<Dataset<Row>> persisted = new ArrayList<>();
        try {
            Map<String, List<Delivery>> byExtract = new LinkedHashMap<>();
            for (Delivery delivery : tables.pendingDeliveries()) {
                byExtract.computeIfAbsent(delivery.extract(), extract -> new ArrayList<>()).add(delivery);
            }
            DeequDatasetChecks deequ = new DeequDatasetChecks(spark, layout.quality("metrics"));
            List<DeliveryOutcome> outcomes = new ArrayList<>();
            List<String> failedExtracts = new ArrayList<>();
            Dataset<Row> quarantine = spark.createDataFrame(List.of(), QualityTables.QUARANTINE);
            for (ExtractSchema schema : schemas.inContractOrder()) {
                List<Delivery> deliveries = byExtract.remove(schema.extract());
                if (deliveries == null) {
                    continue;
                }
                long started = System.nanoTime();
                try {
                    ExtractCheck check = checkExtract(schema, deliveries, deequ, runId, Timestamp.from(checkedAt));
                    persisted.add(check.evaluated());
                    outcomes.addAll(check.outcomes());
                    quarantine = quarantine.unionByName(check.quarantined());
                } catch (RuntimeException e) {
                    LOG.error("checking {} failed; its {} deliveries stay unchecked", schema.extract(), deliveries.size(), e);
                    failedExtracts.add(schema.extract() + ": " + e.getClass().getSimpleName());
                }
                LOG.info("checked {} deliveries of {} in {} s", deliveries.size(), schema.extract(),
                        String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9));
            }
            byExtract.keySet().forEach(extract -> failedExtracts.add(extract + ": no schema"));
            // the manifest goes last: a delivery counts as checked only when its results and quarantined rows are written
            List<String> checkedFileIds = outcomes.stream().map(outcome -> outcome.delivery().fileId()).toList();
            if (!checkedFileIds.isEmpty()) {
                tables.writeQuarantine(quarantine, checkedFileIds);
                tables.writeCheckResults(outcomes, runId, Timestamp.from(checkedAt));
                deequ.flush();
            }
            Map<String, QualityStatus> statuses = new LinkedHashMap<>();
            outcomes.forEach(outcome -> statuses.put(outcome.delivery().fileId(), outcome.status()));
            tables.updateManifest(statuses, runId);
            return new QualityRun(runId, checkedAt, outcomes, failedExtracts);
        } finally {
            persisted.forEach(Dataset::unpersist);
            restore(COMMIT_METADATA, previousMetadata);
            restore(RowRules.TIME_PARSER_POLICY, previousParserPolicy);
        }
    }

    private void restore(String key, String previous) {
        if (previous == null) {
            spark.conf().unset(key);
        } else {
            spark.conf().set(key, previous);
        }
    }

    /** One extract's outcomes, its evaluated rows (persisted until the run is written) and the rows to quarantine. */
    record ExtractCheck(List<DeliveryOutcome> outcomes, Dataset<Row> evaluated, Dataset<Row> quarantined) {
    }

    /** Checks the pending deliveries of one extract: row rules in one plan, then the dataset rules of all in one Deequ pass. */
    ExtractCheck checkExtract(ExtractSchema schema, List<Delivery> deliveries, DeequDatasetChecks deequ, String runId,
                              Timestamp checkedAt) {
        QualityRuleSet ruleSet = config.forExtract(schema.extract());
        List<String> fileIds = deliveries.stream().map(Delivery::fileId).toList();
        Dataset<Row> pending = bronze(schema).where(col("_file_id").isin(fileIds.toArray()));
        Dataset<Row> evaluated = new RowRules(schema, ruleSet, reference, this::bronzeOfExtract).evaluate(pending)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Map<String, Map<String, RuleCount>> counts = countFailures(evaluated, ruleSet);
            List<DatasetRule> datasetRules = new ArrayList<>();
            Dataset<Row> prepared = prepareForDeequ(evaluated, schema, ruleSet, datasetRules);
            Map<String, HistoryKey> keys = new LinkedHashMap<>();
            deliveries.forEach(delivery -> keys.put(delivery.fileId(), historyKey(delivery)));
            Map<String, List<DatasetOutcome>> datasetOutcomes = datasetRules.isEmpty() ? Map.of()
                    : deequ.verify(prepared, "_file_id", datasetRules, keys);
            List<DeliveryOutcome> outcomes = new ArrayList<>();
            for (Delivery delivery : deliveries) {
                outcomes.add(decide(delivery, ruleSet, counts.getOrDefault(delivery.fileId(), Map.of()),
                        datasetOutcomes.getOrDefault(delivery.fileId(), List.of())));
            }
            return new ExtractCheck(outcomes, evaluated, quarantined(evaluated, schema, runId, checkedAt));
        } catch (RuntimeException e) {
            evaluated.unpersist();
            throw e;
        }
    }

    /**
     * Failing rows and example rows per delivery and rule, plus the totals {@code _rows} and {@code _dropped}; one Spark job.
     * Examples are the first failing rows; for a {@code key_collision} rule the first collisions, each with all its rows.
     */
    private Map<String, Map<String, RuleCount>> countFailures(Dataset<Row> evaluated, QualityRuleSet ruleSet) {
        List<Column> columns = new ArrayList<>(List.of(col("_file_id"), col("_source_name"), col("_row_number"),
                org.apache.spark.sql.functions.explode(expr("concat(array('_rows'), IF(size(" + RowRules.FAILED_DROP
                        + ") > 0, array('_dropped'), CAST(array() AS ARRAY<STRING>)), " + RowRules.FAILED_WARN + ", "
                        + RowRules.FAILED_DROP + ")")).as("rule")));
        StringBuilder exampleOrder = new StringBuilder("CASE");
        for (QualityRule rule : ruleSet.rowRules()) {
            if (rule.kind() == RuleKind.KEY_COLLISION) {
                columns.add(col(RowRules.keyGroupColumn(rule.name())));
                exampleOrder.append(" WHEN rule = ").append(cn.hangzhou.indicators.config.SqlLiterals.stringLiteral(rule.name())).append(" THEN ")
                        .append(RowRules.keyGroupColumn(rule.name()));
            }
        }
        String order = exampleOrder.length() == "CASE".length() ? "_row_number" : exampleOrder + " ELSE _row_number END";
        Dataset<Row> labels = evaluated.select(columns.toArray(Column[]::new)).withColumn("_example_order", expr(order));
        List<Row> rows = labels.groupBy("_file_id", "rule")
                .agg(org.apache.spark.sql.functions.count(lit(1)).as("failing"),
                        expr("transform(slice(array_sort(collect_list(IF(rule LIKE '\\\\_%', NULL, named_struct('order', _example_order, "
                                + "'row', _row_number)))), 1, " + EXAMPLES + "), example -> example.row)").as("examples"))
                .collectAsList();
        Map<String, Map<String, RuleCount>> counts = new HashMap<>();
        for (Row row : rows) {
            counts.computeIfAbsent(row.getString(0), fileId -> new HashMap<>())
                    .put(row.getString(1), new RuleCount(row.getLong(2), row.getList(3)));
        }
        return counts;
    }

    private record RuleCount(long rows, List<Long> examples) {
    }

    /** The rows failing a drop rule, as quarantine rows naming every rule they failed (warn and drop). */
    private Dataset<Row> quarantined(Dataset<Row> evaluated, ExtractSchema schema, String runId, Timestamp checkedAt) {
        Column[] fields = schema.columnNames().stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        return evaluated.where("size(" + RowRules.FAILED_DROP + ") > 0").select(
                col("_file_id").as("file_id"), col("_row_number").cast(DataTypes.LongType).as("row_number"),
                lit(schema.extract()).as("extract"), col("_period").as("period"), col("_source_name").as("source_name"),
                lit("quality").as("stage"), expr("concat(" + RowRules.FAILED_DROP + ", " + RowRules.FAILED_WARN + ")").as("reasons"),
                org.apache.spark.sql.functions.to_json(org.apache.spark.sql.functions.struct(fields)).as("raw_text"),
                lit(runId).as("batch_id"), lit(checkedAt).as("quarantined_at"));
    }

    /**
     * The deliveries as Deequ sees them: schema columns trimmed with blanks as nulls, and for each {@code mean} rule its
     * column typed as a double, with each row's {@code _file_id}; fills {@code datasetRules} with the columns each rule reads.
     */
    private static Dataset<Row> prepareForDeequ(Dataset<Row> deliveries, ExtractSchema schema, QualityRuleSet ruleSet,
                                                List<DatasetRule> datasetRules) {
        List<Column> columns = new ArrayList<>();
        for (ColumnSpec column : schema.columns()) {
            columns.add(expr(trimmed(column.name())).as(column.name()));
        }
        columns.add(col("_period"));
        columns.add(col("_file_id"));
        for (QualityRule rule : ruleSet.datasetRules()) {
            List<String> names = QualityConfig.columnsOf(rule, schema).stream().map(ColumnSpec::name).toList();
            if (rule.kind() == RuleKind.MEAN) {
                String typedName = "_mean_" + rule.name();
                columns.add(expr("CAST((" + typed(schema.column(rule.columns().get(0)).orElseThrow()) + ") AS DOUBLE)").as(typedName));
                names = List.of(typedName);
            }
            datasetRules.add(new DatasetRule(rule, names));
        }
        return deliveries.select(columns.toArray(Column[]::new));
    }

    private static HistoryKey historyKey(Delivery delivery) {
        String period = delivery.period();
        LocalDate start = period.length() == 4 ? LocalDate.of(Integer.parseInt(period), 1, 1)
                : LocalDate.of(Integer.parseInt(period.substring(0, 4)), Integer.parseInt(period.substring(4, 6)), 1);
        return new HistoryKey(start.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli(),
                Map.of("extract", delivery.extract(), "series", delivery.series()));
    }

    /** Every rule's result for one delivery, and its status: rejected by an error rule or the drop threshold. */
    private static DeliveryOutcome decide(Delivery delivery, QualityRuleSet ruleSet, Map<String, RuleCount> counts,
                                          List<DatasetOutcome> datasetOutcomes) {
        long rows = counts.getOrDefault("_rows", new RuleCount(0, List.of())).rows();
        long dropped = counts.getOrDefault("_dropped", new RuleCount(0, List.of())).rows();
        List<RuleResult> results = new ArrayList<>();
        for (QualityRule rule : ruleSet.rowRules()) {
            RuleCount count = counts.getOrDefault(rule.name(), new RuleCount(0, List.of()));
            double passingShare = rows == 0 ? 1.0 : 1.0 - (double) count.rows() / rows;
            String message = count.rows() == 0 ? null : count.rows() + " of " + rows + " rows fail ("
                    + percent(count.rows(), rows) + ")" + (rule.severity() == Severity.DROP ? ", quarantined" : ", kept and flagged");
            results.add(new RuleResult(delivery, rule.name(), rule.severity(), count.rows() == 0, passingShare, count.rows(), message,
                    count.examples().stream().map(delivery::location).toList()));
        }
        Map<String, QualityRule> byName = new HashMap<>();
        ruleSet.datasetRules().forEach(rule -> byName.put(rule.name(), rule));
        boolean errorFailed = false;
        for (DatasetOutcome outcome : datasetOutcomes) {
            QualityRule rule = byName.get(outcome.rule());
            // A header-only file is a valid empty delivery: Deequ has no state for shares, means or completeness of no
            // rows and fails them; they do not apply (the size history still judges an unusually empty month).
            boolean notApplicable = rows == 0 && !outcome.passed() && outcome.message() != null
                    && outcome.message().contains("Empty state");
            boolean passed = outcome.passed() || notApplicable;
            errorFailed |= !passed && rule.severity() == Severity.ERROR;
            results.add(new RuleResult(delivery, rule.name(), rule.severity(), passed, outcome.metric(), 0,
                    notApplicable ? "not applicable: the delivery has no rows" : outcome.message(), List.of()));
        }
        for (QualityRule rule : ruleSet.ingestRules()) {
            boolean passed = delivery.ingestWarnings().isEmpty();
            errorFailed |= !passed && rule.severity() == Severity.ERROR;
            results.add(new RuleResult(delivery, rule.name(), rule.severity(), passed, (double) delivery.ingestWarnings().size(), 0,
                    passed ? null : delivery.sourceName() + ": " + String.join("; ", delivery.ingestWarnings()), List.of()));
        }
        RejectionThreshold threshold = ruleSet.rejection();
        boolean tooManyDropped = threshold.rejects(dropped, rows);
        results.add(new RuleResult(delivery, DROP_THRESHOLD_RULE, Severity.ERROR, !tooManyDropped, rows == 0 ? 0.0 : (double) dropped / rows,
                dropped, rows + " rows = " + (rows - dropped) + " accepted + " + dropped + " quarantined (" + percent(dropped, rows)
                + "); rejected when more than " + percentOf(threshold.dropShare()) + " and at least " + threshold.dropRows() + " rows",
                List.of()));
        boolean anyFailed = results.stream().anyMatch(result -> !result.passed());
        QualityStatus status = errorFailed || tooManyDropped ? QualityStatus.REJECTED : anyFailed ? QualityStatus.WARNED : QualityStatus.PASSED;
        LOG.info("{} {}: {} rows, {} quarantined, {}", delivery.extract(), delivery.sourceName(), rows, dropped, status.label());
        return new DeliveryOutcome(delivery, rows, dropped, status, results);
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "0%" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }

    private static String percentOf(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * share);
    }

    private Dataset<Row> bronze(ExtractSchema schema) {
        return bronzeOfExtract(schema.extract());
    }

    /** The bronze table of an extract, or an empty frame with the bronze columns where none exists yet. */
    private Dataset<Row> bronzeOfExtract(String extract) {
        String path = layout.bronze(extract);
        if (DeltaTable.isDeltaTable(spark, path)) {
            return spark.read().format("delta").load(path);
        }
        ExtractSchema schema = schemas.inContractOrder().stream().filter(candidate -> candidate.extract().equals(extract))
                .findFirst().orElseThrow();
        return spark.createDataFrame(List.of(), bronzeSchema(schema));
    }

    /** The bronze columns of an extract: every schema column as text, then the ingest columns. */
    public static StructType bronzeSchema(ExtractSchema schema) {
        StructType struct = new StructType();
        for (String name : schema.columnNames()) {
            struct = struct.add(name, DataTypes.StringType);
        }
        return struct.add("_extra_columns", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
                .add("_file_id", DataTypes.StringType)
                .add("_row_number", DataTypes.LongType)
                .add("_period", DataTypes.StringType)
                .add("_source_name", DataTypes.StringType)
                .add("_batch_id", DataTypes.StringType)
                .add("_ingested_at", DataTypes.TimestampType);
    }
}
