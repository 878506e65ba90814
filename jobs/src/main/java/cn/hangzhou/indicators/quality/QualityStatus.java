package cn.hangzhou.indicators.quality;

import java.util.Locale;

/** The manifest's {@code quality_status}: conform takes {@code passed} and {@code warned} deliveries only. */
public enum QualityStatus {
    PASSED, WARNED, REJECTED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
