package cn.hangzhou.indicators.quality;

import cn.hangzhou.indicators.config.ColumnSpec;
import cn.hangzhou.indicators.config.ColumnType;
import cn.hangzhou.indicators.config.ConfigurationException;
import cn.hangzhou.indicators.config.ExtractSchema;
import cn.hangzhou.indicators.config.SchemaCatalog;
import cn.hangzhou.indicators.config.YamlLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.functions;

/**
 * All rule sets of {@code conf/quality/}, one per extract, checked against the extract schemas: every column a
 * rule names exists and suits the kind, every SQL filter and expectation parses. Loaded once per command.
 */
public record QualityConfig(Map<String, QualityRuleSet> ruleSets) {

    private static final Set<ColumnType> PARSED_TYPES = EnumSet.of(ColumnType.INTEGER, ColumnType.DECIMAL, ColumnType.DATE,
            ColumnType.MONTH, ColumnType.YEAR, ColumnType.BOOLEAN, ColumnType.AGE);
    private static final Set<ColumnType> NUMERIC_TYPES = EnumSet.of(ColumnType.INTEGER, ColumnType.DECIMAL, ColumnType.AGE, ColumnType.YEAR);
    private static final Set<ColumnType> DATE_TYPES = EnumSet.of(ColumnType.DATE, ColumnType.MONTH);

    public QualityConfig {
        ruleSets = Map.copyOf(ruleSets);
    }

    public static Path folder(Path projectHome) {
        return projectHome.resolve("conf").resolve("quality");
    }

    /** Reads {@code <folder>/<extract>.yaml} for every extract of the catalogue. */
    public static QualityConfig load(Path folder, SchemaCatalog catalog) {
        Map<String, QualityRuleSet> loaded = new LinkedHashMap<>();
        for (ExtractSchema schema : catalog.inContractOrder()) {
            Path file = folder.resolve(schema.extract() + ".yaml");
            ConfigurationException.require(Files.isRegularFile(file), "no quality rules for " + schema.id() + " at " + file,
                    "write conf/quality/" + schema.extract() + ".yaml (see docs/quality.md)");
            QualityRuleSet ruleSet = YamlLoader.load(file, QualityRuleSet.class);
            ConfigurationException.require(ruleSet.extract().equals(schema.extract()),
                    file + " declares extract " + ruleSet.extract(), "set extract: " + schema.extract());
            ruleSet.rules().forEach(rule -> validate(file, rule, schema, catalog));
            loaded.put(schema.extract(), ruleSet);
        }
        return new QualityConfig(loaded);
    }

    public QualityRuleSet forExtract(String extract) {
        QualityRuleSet ruleSet = ruleSets.get(extract);
        if (ruleSet == null) {
            throw new ConfigurationException("no quality rules for extract '" + extract + "'", "add conf/quality/" + extract + ".yaml");
        }
        return ruleSet;
    }

    /** The columns a rule checks: its own list, else the kind's default columns of the schema. */
    public static List<ColumnSpec> columnsOf(QualityRule rule, ExtractSchema schema) {
        if (!rule.columns().isEmpty()) {
            return rule.columns().stream().map(name -> schema.column(name).orElseThrow()).toList();
        }
        List<ColumnSpec> all = schema.columns();
        return switch (rule.kind()) {
            case REQUIRED -> all.stream().filter(column -> !column.nullable()).toList();
            case PARSE -> all.stream().filter(column -> PARSED_TYPES.contains(column.type())).toList();
            case PATTERN -> all.stream().filter(column -> column.type() == ColumnType.TEXT && column.format() != null).toList();
            case RESIDENT_ID, ID_NORMALISED -> all.stream().filter(column -> column.type() == ColumnType.ID_NUMBER).toList();
            case CODE -> all.stream().filter(column -> column.type() == ColumnType.CODE).toList();
            case RANGE -> all.stream().filter(column -> column.minimum() != null || column.maximum() != null).toList();
            case DUPLICATE_KEY, KEY_COLLISION, UNIQUE_ACROSS_DELIVERIES, COMPLETENESS, UNIQUENESS ->
                    schema.keyColumns().stream().map(name -> schema.column(name).orElseThrow()).toList();
            default -> List.of();
        };
    }

    private static void validate(Path file, QualityRule rule, ExtractSchema schema, SchemaCatalog catalog) {
        String where = file.getFileName() + ", rule " + rule.name();
        for (String name : rule.columns()) {
            ConfigurationException.require(schema.column(name).isPresent(), where + " names column '" + name + "' that "
                    + schema.id() + " does not have", "use one of " + schema.columnNames());
        }
        for (String name : new String[] {rule.earlier(), rule.later()}) {
            ConfigurationException.require(name == null || schema.column(name).map(column -> DATE_TYPES.contains(column.type())).orElse(false),
                    where + " orders '" + name + "', which is not a date column of " + schema.id(), "name date columns");
        }
        for (ColumnSpec column : columnsOf(rule, schema)) {
            boolean suits = switch (rule.kind()) {
                case PARSE -> PARSED_TYPES.contains(column.type());
                case PATTERN -> column.format() != null && column.type() == ColumnType.TEXT;
                case RESIDENT_ID, ID_NORMALISED -> column.type() == ColumnType.ID_NUMBER || "embedded".equals(column.identifier());
                case CODE -> column.type() == ColumnType.CODE;
                case RANGE, MEAN -> NUMERIC_TYPES.contains(column.type());
                case IN_PERIOD, NOT_AFTER_PERIOD -> DATE_TYPES.contains(column.type());
                default -> true;
            };
            ConfigurationException.require(suits, where + " (" + rule.kind().label() + ") cannot check column " + column.name()
                    + " of type " + column.type().name().toLowerCase(), "see docs/quality.md for the column types each kind checks");
        }
        if (rule.kind() == RuleKind.RANGE) {
            for (ColumnSpec column : columnsOf(rule, schema)) {
                ConfigurationException.require(rule.minimum() != null || rule.maximum() != null || column.minimum() != null
                        || column.maximum() != null, where + ": column " + column.name() + " has no minimum or maximum",
                        "give minimum/maximum in the rule or in the schema");
            }
        }
        if (rule.kind() == RuleKind.REFERENCE) {
            ExtractSchema referenced = catalog.inContractOrder().stream().filter(other -> other.extract().equals(rule.referenceExtract()))
                    .findFirst().orElseThrow(() -> new ConfigurationException(where + " refers to unknown extract '"
                            + rule.referenceExtract() + "'", "name an extract, e.g. schools"));
            ConfigurationException.require(referenced.column(rule.referenceColumn()).isPresent(),
                    where + " refers to column '" + rule.referenceColumn() + "' that " + referenced.id() + " does not have",
                    "use one of " + referenced.columnNames());
        }
        checkSql(where, "filter", rule.filter());
        checkSql(where, "expectation", rule.expectation());
    }

    private static void checkSql(String where, String key, String sql) {
        if (sql == null) {
            return;
        }
        try {
            functions.expr(sql);
        } catch (Exception e) {
            // Spark's ParseException is checked for javac but not declared by functions.expr
            throw new ConfigurationException(where + ": " + key + " is not a SQL expression: " + e.getMessage().lines().findFirst().orElse(""),
                    "write a Spark SQL boolean expression over bronze columns, e.g. programme IN ('低保', '低保边缘')");
        }
    }
}
