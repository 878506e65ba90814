package cn.hangzhou.indicators.config;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands references to environment variables in a profile's values: {@code ${NAME}} (the variable must be set) and
 * {@code ${NAME:-default}} (the default when it is unset or empty), as a shell does. Only the chosen profile is
 * expanded, so a variable that another profile needs may be unset.
 */
public final class EnvironmentReferences {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

    private EnvironmentReferences() {
    }

    /** {@code value} with every reference replaced; {@code where} names the setting in the error of an unset variable. */
    public static String expand(String value, Function<String, String> environment, String where) {
        if (value == null || !value.contains("${")) {
            return value;
        }
        Matcher matcher = REFERENCE.matcher(value);
        StringBuilder expanded = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String set = environment.apply(name);
            String replacement;
            if (set != null && !set.isEmpty()) {
                replacement = set;
            } else if (matcher.group(2) != null) {
                replacement = matcher.group(3);
            } else {
                throw new ConfigurationException(where + " refers to the environment variable " + name + ", which is not set",
                        "export " + name + "=... before running, or give a default in the configuration: ${" + name + ":-value}");
            }
            matcher.appendReplacement(expanded, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(expanded);
        ConfigurationException.require(!expanded.toString().contains("${"), where + " has a malformed reference in '" + value + "'",
                "write ${NAME} or ${NAME:-default}, NAME of letters, digits and _");
        return expanded.toString();
    }
}
