package cn.hangzhou.indicators.config;

/** A configuration problem, phrased as what is wrong, why, and how to fix it. */
public class ConfigurationException extends RuntimeException {

    public ConfigurationException(String problem, String fix) {
        super(problem + (fix == null || fix.isBlank() ? "" : "\n  fix: " + fix));
    }

    public ConfigurationException(String problem, String fix, Throwable cause) {
        super(problem + (fix == null || fix.isBlank() ? "" : "\n  fix: " + fix), cause);
    }

    /** Fails unless {@code condition} holds. */
    public static void require(boolean condition, String problem, String fix) {
        if (!condition) {
            throw new ConfigurationException(problem, fix);
        }
    }
}
