package cn.hangzhou.indicators.quality;

import cn.hangzhou.indicators.config.ConfigurationException;
import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The generic kinds of quality rule. Row-level kinds become one Spark SQL condition per row (severity
 * {@code warn} or {@code drop}); dataset-level kinds become Deequ checks on a whole delivery ({@code warn} or
 * {@code error}), but for {@code ingest_warning}, which reads what ingest recorded of the delivery in the manifest.
 * docs/quality.md describes each.
 */
public enum RuleKind {
    REQUIRED(true), PARSE(true), PATTERN(true), RESIDENT_ID(true), ID_NORMALISED(true), CODE(true), RANGE(true),
    IN_PERIOD(true), NOT_AFTER_PERIOD(true), DATE_ORDER(true), DUPLICATE_KEY(true), KEY_COLLISION(true), UNIQUE_ACROSS_DELIVERIES(true),
    REFERENCE(true), EXPRESSION(true),
    COMPLETENESS(false), UNIQUENESS(false), SIZE_ANOMALY(false), SHARE(false), MEAN(false), INGEST_WARNING(false);

    private final boolean rowLevel;

    RuleKind(boolean rowLevel) {
        this.rowLevel = rowLevel;
    }

    public boolean rowLevel() {
        return rowLevel;
    }

    /** Whether the kind judges what ingest recorded of a delivery (its manifest row), not its rows. */
    public boolean ingestLevel() {
        return this == INGEST_WARNING;
    }

    /** The severities a rule of this kind may have: row rules flag or quarantine rows, dataset rules flag or reject. */
    public Set<Severity> allowedSeverities() {
        return rowLevel ? EnumSet.of(Severity.WARN, Severity.DROP) : EnumSet.of(Severity.WARN, Severity.ERROR);
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static RuleKind parse(String value) {
        return Arrays.stream(values()).filter(kind -> kind.label().equals(value)).findFirst()
                .orElseThrow(() -> new ConfigurationException("unknown rule kind '" + value + "'",
                        "use one of " + Arrays.stream(values()).map(RuleKind::label).collect(Collectors.joining(", "))));
    }
}
