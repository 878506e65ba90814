package cn.hangzhou.indicators.config;

import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One delivered column: its header (or JSON key), English name, type and constraints.
 *
 * @param identifier {@code direct} for ID numbers and names, {@code embedded} for values containing one
 */
public record ColumnSpec(String header, String name, ColumnType type, String format, Boolean nullable,
                         Map<String, String> codes, String codeList, BigDecimal minimum, BigDecimal maximum,
                         String identifier, String description) {

    public ColumnSpec {
        ConfigurationException.require(header != null && !header.isBlank(), "a column has no header",
                "give every column the header (or JSON key) the department delivers");
        ConfigurationException.require(name != null && name.matches("[a-z][a-z0-9_]*"),
                "column '" + header + "' has name '" + name + "', which is not English snake_case",
                "name it with lower-case letters, digits and underscores");
        ConfigurationException.require(type != null, "column '" + name + "' has no type", "add a type");
        nullable = nullable != null && nullable;
        codes = codes == null ? Map.of() : Map.copyOf(codes);
        ConfigurationException.require(type != ColumnType.CODE || !codes.isEmpty() || codeList != null,
                "code column '" + name + "' lists no codes", "add codes: {value: meaning} or code_list: districts");
        ConfigurationException.require(codeList == null || codeList.equals("districts"),
                "column '" + name + "' names unknown code list '" + codeList + "'", "use code_list: districts");
        ConfigurationException.require(identifier == null || identifier.equals("direct") || identifier.equals("embedded"),
                "column '" + name + "' has identifier '" + identifier + "'", "use identifier: direct or embedded");
        if (type == ColumnType.DATE) {
            ConfigurationException.require(format != null, "date column '" + name + "' has no format",
                    "add format: yyyy-MM-dd (a java.time pattern)");
            try {
                DateTimeFormatter.ofPattern(format);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("date column '" + name + "' has bad format '" + format + "'",
                        "use a java.time pattern such as yyyy-MM-dd");
            }
        }
        if (type == ColumnType.BOOLEAN) {
            ConfigurationException.require("是/否".equals(format) || "true/false".equals(format),
                    "boolean column '" + name + "' has format '" + format + "'", "use format: 是/否 or true/false");
        }
        if (type == ColumnType.TEXT && format != null) {
            try {
                Pattern.compile(format);
            } catch (PatternSyntaxException e) {
                throw new ConfigurationException("text column '" + name + "' has a bad pattern: " + e.getDescription(),
                        "write format as a Java regular expression");
            }
        }
    }

    public boolean isDirectIdentifier() {
        return "direct".equals(identifier);
    }

    public boolean containsIdentifier() {
        return identifier != null;
    }

    /** The true literal of a boolean column ({@code 是} or {@code true}). */
    public String trueLiteral() {
        return format.substring(0, format.indexOf('/'));
    }

    /** The false literal of a boolean column ({@code 否} or {@code false}). */
    public String falseLiteral() {
        return format.substring(format.indexOf('/') + 1);
    }
}
