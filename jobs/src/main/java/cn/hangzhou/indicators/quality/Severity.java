package cn.hangzhou.indicators.quality;

import cn.hangzhou.indicators.config.ConfigurationException;
import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/** What a failed rule does: {@code warn} keeps and flags, {@code drop} quarantines the row, {@code error} rejects the delivery. */
public enum Severity {
    WARN, DROP, ERROR;

    @JsonCreator
    public static Severity parse(String value) {
        for (Severity severity : values()) {
            if (severity.label().equals(value)) {
                return severity;
            }
        }
        throw new ConfigurationException("severity '" + value + "' is not one of warn, drop, error",
                "use warn (keep the row and flag it), drop (quarantine the row) or error (reject the delivery)");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
