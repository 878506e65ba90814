package cn.hangzhou.indicators.quality;

import static cn.hangzhou.indicators.config.SqlLiterals.identifier;
import static cn.hangzhou.indicators.config.SqlLiterals.stringLiteral;
import static cn.hangzhou.indicators.quality.ColumnValues.PERIOD_END;
import static cn.hangzhou.indicators.quality.ColumnValues.PERIOD_START;
import static cn.hangzhou.indicators.quality.ColumnValues.trimmed;
import static cn.hangzhou.indicators.quality.ColumnValues.typed;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import cn.hangzhou.indicators.config.ColumnSpec;
import cn.hangzhou.indicators.config.ColumnType;
import cn.hangzhou.indicators.config.ExtractSchema;
import cn.hangzhou.indicators.config.ReferenceData;
import cn.hangzhou.indicators.config.ResidentIdNumbers;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/**
 * Evaluates the row-level rules of one extract in a single Spark plan: every rule is a SQL condition "this row
 * fails", the few that need other rows (duplicates and key collisions in the delivery, the same id in another
 * delivery, a school of the same year) get their facts from one window or one join each, and the names of the failed rules are
 * collected into {@link #FAILED_WARN} and {@link #FAILED_DROP}.
 */
public final class RowRules {

    /** The names of the {@code warn} rules a row fails. */
    public static final String FAILED_WARN = "_failed_warn";
    /** The names of the {@code drop} rules a row fails; non-empty means the row goes to quarantine. */
    public static final String FAILED_DROP = "_failed_drop";
    /** The Spark SQL function checking a normalised ID number, the same code silver uses for person keys. */
    public static final String RESIDENT_ID_VALID = "resident_id_valid";
    /** Set to {@code CORRECTED} while the gate runs: "2024-02-30" must parse to null, not raise an upgrade exception about the legacy parser. */
    public static final String TIME_PARSER_POLICY = "spark.sql.legacy.timeParserPolicy";

    private final ExtractSchema schema;
    private final QualityRuleSet ruleSet;
    private final ReferenceData reference;
    private final Function<String, Dataset<Row>> bronzeOfExtract;

    /**
     * @param bronzeOfExtract the current bronze rows of an extract (by name), or null where no table exists yet
     */
    public RowRules(ExtractSchema schema, QualityRuleSet ruleSet, ReferenceData reference,
                    Function<String, Dataset<Row>> bronzeOfExtract) {
        this.schema = schema;
        this.ruleSet = ruleSet;
        this.reference = reference;
        this.bronzeOfExtract = bronzeOfExtract;
    }

    /**
     * The column a {@code key_collision} rule adds to every row: the first row number of the rows sharing its key in its
     * delivery, so that the rule's example locations list the rows of one collision together.
     */
    public static String keyGroupColumn(String rule) {
        return "_key_group_" + rule;
    }

    /** Registers the SQL functions the rules use and the strict date parser; idempotent. */
    public static void registerFunctions(SparkSession spark) {
        spark.udf().register(RESIDENT_ID_VALID, (UDF1<String, Boolean>) ResidentIdNumbers::isValid, DataTypes.BooleanType);
        spark.conf().set(TIME_PARSER_POLICY, "CORRECTED");
    }

    /** The rows with {@link #FAILED_WARN} and {@link #FAILED_DROP} added; the bronze columns are kept as they are. */
    public Dataset<Row> evaluate(Dataset<Row> rows) {
        Dataset<Row> withFacts = rows;
        List<Column> warn = new ArrayList<>();
        List<Column> drop = new ArrayList<>();
        List<String> helpers = new ArrayList<>();
        for (QualityRule rule : ruleSet.rowRules()) {
            String helper = "_fact_" + rule.name();
            String failure = switch (rule.kind()) {
                case DUPLICATE_KEY -> {
                    List<String> keys = columnNames(rule);
                    withFacts = withFacts.withColumn(helper, org.apache.spark.sql.functions.count(lit(1)).over(byDeliveryAndKey(keys)));
                    helpers.add(helper);
                    yield allPresent(keys) + " AND " + helper + " > 1";
                }
                case KEY_COLLISION -> {
                    List<String> keys = columnNames(rule);
                    WindowSpec byKey = byDeliveryAndKey(keys);
                    Column content = contentHash(schema.columnNames());
                    withFacts = withFacts
                            .withColumn(helper, org.apache.spark.sql.functions.min(content).over(byKey)
                                    .notEqual(org.apache.spark.sql.functions.max(content).over(byKey)))
                            .withColumn(keyGroupColumn(rule.name()), org.apache.spark.sql.functions.min("_row_number").over(byKey));
                    helpers.add(helper);
                    yield allPresent(keys) + " AND " + helper;
                }
                case UNIQUE_ACROSS_DELIVERIES -> {
                    withFacts = joinOtherDeliveries(withFacts, rule, helper);
                    helpers.add(helper);
                    yield allPresent(columnNames(rule)) + " AND exists(" + helper + ", source -> source <> _source_name)";
                }
                case REFERENCE -> {
                    withFacts = joinReference(withFacts, rule, helper);
                    helpers.add(helper);
                    yield trimmed(rule.columns().get(0)) + " IS NOT NULL AND " + helper + " IS NULL";
                }
                default -> failureCondition(rule);
            };
            String applies = rule.filter() == null ? "" : "coalesce((" + rule.filter() + "), false) AND ";
            Column failed = expr("CASE WHEN " + applies + "coalesce((" + failure + "), false) THEN " + stringLiteral(rule.name()) + " END");
            (rule.severity() == Severity.DROP ? drop : warn).add(failed);
        }
        return withFacts
                .withColumn(FAILED_WARN, names(warn))
                .withColumn(FAILED_DROP, names(drop))
                .drop(helpers.toArray(String[]::new));
    }

    /**
     * Two independent hashes of a row's trimmed values, compared by min and max over a key's rows: cheaper than the
     * values themselves (a whole row's text per row in every window buffer). A null is marked apart from every value,
     * so that moving a value to another column changes the hash.
     */
    private static Column contentHash(List<String> columns) {
        Column[] marked = columns.stream().map(name -> expr("coalesce(concat('=', " + trimmed(name) + "), '-')"))
                .toArray(Column[]::new);
        return org.apache.spark.sql.functions.struct(org.apache.spark.sql.functions.xxhash64(marked),
                org.apache.spark.sql.functions.hash(marked));
    }

    /** The rows of one delivery that share these key columns (trimmed). */
    private static WindowSpec byDeliveryAndKey(List<String> keys) {
        Column[] partition = new Column[keys.size() + 1];
        partition[0] = col("_file_id");
        for (int i = 0; i < keys.size(); i++) {
            partition[i + 1] = expr(trimmed(keys.get(i)));
        }
        return Window.partitionBy(partition);
    }

    private static Column names(List<Column> failures) {
        if (failures.isEmpty()) {
            return expr("CAST(array() AS ARRAY<STRING>)");
        }
        return org.apache.spark.sql.functions.filter(org.apache.spark.sql.functions.array(failures.toArray(Column[]::new)), Column::isNotNull);
    }

    /** The SQL condition under which a row fails a rule that needs no other rows. */
    String failureCondition(QualityRule rule) {
        List<ColumnSpec> columns = QualityConfig.columnsOf(rule, schema);
        return switch (rule.kind()) {
            case REQUIRED -> any(columns, column -> trimmed(column.name()) + " IS NULL");
            case PARSE -> any(columns, column -> trimmed(column.name()) + " IS NOT NULL AND (" + typed(column) + ") IS NULL");
            case PATTERN -> any(columns, column -> trimmed(column.name()) + " IS NOT NULL AND NOT (" + trimmed(column.name())
                    + " RLIKE " + stringLiteral("^(?:" + column.format() + ")$") + ")");
            case RESIDENT_ID -> any(columns, column -> trimmed(column.name()) + " IS NOT NULL AND NOT " + RESIDENT_ID_VALID + "("
                    + (column.type() == ColumnType.ID_NUMBER ? normalised(column) : "substring(" + normalised(column) + ", 1, 18)") + ")");
            case ID_NORMALISED -> any(columns, column -> trimmed(column.name()) + " IS NOT NULL AND " + identifier(column.name())
                    + " <> " + normalised(column));
            case CODE -> any(columns, column -> trimmed(column.name()) + " IS NOT NULL AND " + trimmed(column.name()) + " NOT IN ("
                    + codes(column).stream().map(code -> stringLiteral(code)).collect(Collectors.joining(", ")) + ")");
            case RANGE -> any(columns, column -> outside(rule, column));
            case IN_PERIOD -> any(columns, column -> "(" + typed(column) + ") NOT BETWEEN " + PERIOD_START + " AND " + PERIOD_END);
            case NOT_AFTER_PERIOD -> any(columns, column -> "(" + typed(column) + ") > " + PERIOD_END);
            case DATE_ORDER -> "(" + typed(schema.column(rule.later()).orElseThrow()) + ") < ("
                    + typed(schema.column(rule.earlier()).orElseThrow()) + ")";
            case EXPRESSION -> "NOT (" + rule.expectation() + ")";
            default -> throw new IllegalArgumentException(rule.kind() + " is not a row rule without facts");
        };
    }

    private String outside(QualityRule rule, ColumnSpec column) {
        Double minimum = rule.minimum() != null ? rule.minimum() : toDouble(column.minimum());
        Double maximum = rule.maximum() != null ? rule.maximum() : toDouble(column.maximum());
        List<String> bounds = new ArrayList<>();
        if (minimum != null) {
            bounds.add("(" + typed(column) + ") < " + BigDecimal.valueOf(minimum).toPlainString());
        }
        if (maximum != null) {
            bounds.add("(" + typed(column) + ") > " + BigDecimal.valueOf(maximum).toPlainString());
        }
        return String.join(" OR ", bounds);
    }

    private static Double toDouble(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }

    private List<String> codes(ColumnSpec column) {
        return "districts".equals(column.codeList()) ? reference.districtCodes() : List.copyOf(column.codes().keySet());
    }

    private static String normalised(ColumnSpec column) {
        return "upper(trim(" + identifier(column.name()) + "))";
    }

    private static String any(List<ColumnSpec> columns, Function<ColumnSpec, String> failure) {
        return columns.isEmpty() ? "false" : columns.stream().map(column -> "coalesce((" + failure.apply(column) + "), false)")
                .collect(Collectors.joining(" OR "));
    }

    private static String allPresent(List<String> columns) {
        return columns.stream().map(column -> trimmed(column) + " IS NOT NULL").collect(Collectors.joining(" AND "));
    }

    private List<String> columnNames(QualityRule rule) {
        return QualityConfig.columnsOf(rule, schema).stream().map(ColumnSpec::name).toList();
    }

    /** Adds, per row, the source names of all current deliveries of this extract that carry the row's key. */
    private Dataset<Row> joinOtherDeliveries(Dataset<Row> rows, QualityRule rule, String helper) {
        List<String> keys = columnNames(rule);
        Dataset<Row> bronze = bronzeOfExtract.apply(schema.extract());
        List<Column> keyValues = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            keyValues.add(expr(trimmed(keys.get(i))).as("_key_" + i));
        }
        keyValues.add(col("_source_name"));
        Dataset<Row> sources = bronze.select(keyValues.toArray(Column[]::new))
                .groupBy(java.util.stream.IntStream.range(0, keys.size()).mapToObj(i -> col("_key_" + i)).toArray(Column[]::new))
                .agg(org.apache.spark.sql.functions.collect_set("_source_name").as(helper));
        Column condition = lit(true);
        for (int i = 0; i < keys.size(); i++) {
            condition = condition.and(expr(trimmed(keys.get(i))).equalTo(sources.col("_key_" + i)));
        }
        Dataset<Row> joined = rows.join(sources, condition, "left");
        for (int i = 0; i < keys.size(); i++) {
            joined = joined.drop(sources.col("_key_" + i));
        }
        return joined;
    }

    /** Adds, per row, a marker that is non-null where the referenced extract of the same period has the value. */
    private Dataset<Row> joinReference(Dataset<Row> rows, QualityRule rule, String helper) {
        Dataset<Row> referenced = bronzeOfExtract.apply(rule.referenceExtract());
        Dataset<Row> known = referenced.select(col("_period").as("_reference_period"),
                        expr(trimmed(rule.referenceColumn())).as("_reference_value"))
                .where(col("_reference_value").isNotNull()).distinct()
                .withColumn(helper, lit(true));
        Dataset<Row> joined = rows.join(org.apache.spark.sql.functions.broadcast(known),
                col("_period").equalTo(known.col("_reference_period"))
                        .and(expr(trimmed(rule.columns().get(0))).equalTo(known.col("_reference_value"))), "left");
        return joined.drop("_reference_period", "_reference_value");
    }
}
