package cn.hangzhou.indicators.quality;

import cn.hangzhou.indicators.config.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One configured rule of {@code conf/quality/<extract>.yaml}. Which optional keys a kind takes is checked
 * here; that the columns exist and suit the kind is checked against the schema by {@link QualityConfig}.
 *
 * @param filter           SQL boolean over bronze columns: the rule applies only to rows where it holds
 * @param columns          the columns checked; when absent, the kind's default columns of the schema
 * @param expectation      SQL boolean that must hold ({@code expression}, {@code share})
 * @param minimum          lower bound: a value ({@code range}, {@code mean}) or a share ({@code completeness},
 *                         {@code uniqueness}, {@code share})
 * @param referenceExtract for {@code reference}: the extract whose rows of the same period must contain the value
 * @param defect           the contract defect the rule catches, for docs/quality.md and the report
 */
public record QualityRule(String name, RuleKind kind, Severity severity, String filter, List<String> columns,
                          String earlier, String later, String referenceExtract, String referenceColumn,
                          String expectation, Double minimum, Double maximum, Double maxRateDecrease,
                          Double maxRateIncrease, Integer minimumHistory, String defect) {

    public QualityRule {
        ConfigurationException.require(name != null && name.matches("[a-z][a-z0-9_]*"),
                "a quality rule has name '" + name + "'", "name every rule in snake_case, e.g. death_before_birth");
        ConfigurationException.require(kind != null, "rule " + name + " has no kind", "add kind: (see docs/quality.md)");
        ConfigurationException.require(severity != null, "rule " + name + " has no severity", "add severity: warn, drop or error");
        ConfigurationException.require(kind.allowedSeverities().contains(severity),
                "rule " + name + " of kind " + kind.label() + " has severity " + severity.label(),
                kind.rowLevel() ? "row rules take warn or drop (a delivery is rejected by the drop threshold)"
                        : "dataset rules take warn or error");
        columns = columns == null ? List.of() : List.copyOf(columns);
        Map<String, Object> given = new java.util.LinkedHashMap<>();
        given.put("earlier", earlier);
        given.put("later", later);
        given.put("reference_extract", referenceExtract);
        given.put("reference_column", referenceColumn);
        given.put("expectation", expectation);
        given.put("minimum", minimum);
        given.put("maximum", maximum);
        given.put("max_rate_decrease", maxRateDecrease);
        given.put("max_rate_increase", maxRateIncrease);
        given.put("minimum_history", minimumHistory);
        List<String> allowed = switch (kind) {
            case DATE_ORDER -> List.of("earlier", "later");
            case REFERENCE -> List.of("reference_extract", "reference_column");
            case EXPRESSION -> List.of("expectation");
            case SHARE -> List.of("expectation", "minimum", "maximum");
            case RANGE, MEAN -> List.of("minimum", "maximum");
            case COMPLETENESS, UNIQUENESS -> List.of("minimum");
            case SIZE_ANOMALY -> List.of("max_rate_decrease", "max_rate_increase", "minimum_history");
            default -> List.of();
        };
        List<String> misplaced = new ArrayList<>();
        given.forEach((key, value) -> {
            if (value != null && !allowed.contains(key)) {
                misplaced.add(key);
            }
        });
        ConfigurationException.require(misplaced.isEmpty(),
                "rule " + name + " of kind " + kind.label() + " has keys it does not use: " + misplaced,
                allowed.isEmpty() ? "remove them" : "remove them; this kind takes " + allowed);
        switch (kind) {
            case DATE_ORDER -> ConfigurationException.require(earlier != null && later != null,
                    "rule " + name + " (date_order) needs earlier and later", "name the two date columns");
            case REFERENCE -> ConfigurationException.require(referenceExtract != null && referenceColumn != null && columns.size() == 1,
                    "rule " + name + " (reference) needs one column, reference_extract and reference_column",
                    "e.g. columns: [school_id], reference_extract: schools, reference_column: school_id");
            case EXPRESSION, SHARE -> ConfigurationException.require(expectation != null && !expectation.isBlank(),
                    "rule " + name + " (" + kind.label() + ") has no expectation", "add expectation: a SQL boolean over bronze columns");
            case IN_PERIOD, NOT_AFTER_PERIOD -> ConfigurationException.require(!columns.isEmpty(),
                    "rule " + name + " (" + kind.label() + ") names no columns", "list the date columns that must lie in the file's period");
            case MEAN -> ConfigurationException.require(columns.size() == 1 && (minimum != null || maximum != null),
                    "rule " + name + " (mean) needs one column and a minimum or maximum", "e.g. columns: [amount], maximum: 5000");
            default -> {
            }
        }
        if (kind == RuleKind.SHARE || kind == RuleKind.COMPLETENESS || kind == RuleKind.UNIQUENESS) {
            ConfigurationException.require((minimum == null || (minimum >= 0 && minimum <= 1)) && (maximum == null || (maximum >= 0 && maximum <= 1)),
                    "rule " + name + " bounds a share outside 0..1", "give minimum and maximum as fractions, e.g. 0.95");
        }
        if (kind == RuleKind.SIZE_ANOMALY) {
            maxRateDecrease = maxRateDecrease == null ? 0.5 : maxRateDecrease;
            maxRateIncrease = maxRateIncrease == null ? 2.0 : maxRateIncrease;
            minimumHistory = minimumHistory == null ? 3 : minimumHistory;
            ConfigurationException.require(maxRateDecrease > 0 && maxRateDecrease < 1 && maxRateIncrease > 1 && minimumHistory >= 1,
                    "rule " + name + " has max_rate_decrease " + maxRateDecrease + ", max_rate_increase " + maxRateIncrease
                            + ", minimum_history " + minimumHistory,
                    "use a decrease between 0 and 1 (0.5: at least half the last size), an increase above 1, a history of at least 1");
        }
        if ((kind == RuleKind.COMPLETENESS || kind == RuleKind.UNIQUENESS) && minimum == null) {
            minimum = 1.0;
        }
    }
}
