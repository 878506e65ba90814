package cn.hangzhou.indicators.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The type of a delivered column, as declared in {@code schemas/}. */
public enum ColumnType {
    TEXT, ID_NUMBER, CODE, INTEGER, DECIMAL, DATE, MONTH, YEAR, BOOLEAN, AGE;

    @JsonCreator
    public static ColumnType parse(String value) {
        return Arrays.stream(values()).filter(type -> type.name().equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> new ConfigurationException("unknown column type '" + value + "'",
                        "use one of " + Arrays.stream(values()).map(type -> type.name().toLowerCase(Locale.ROOT))
                                .collect(Collectors.joining(", "))));
    }
}
