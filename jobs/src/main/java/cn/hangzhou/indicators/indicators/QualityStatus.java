package cn.hangzhou.indicators.indicators;

import java.util.Collection;

/** The data-quality outcome a value carries: A all checks passed, W warnings, X a failed error check. */
public enum QualityStatus {
    A, W, X;

    /** The manifest's {@code quality_status}: passed → A, warned → W, rejected → X; null (not checked) → A. */
    public static QualityStatus fromManifest(String manifestStatus) {
        if (manifestStatus == null) {
            return A;
        }
        return switch (manifestStatus.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "warned" -> W;
            case "rejected" -> X;
            default -> A;
        };
    }

    public static QualityStatus worst(QualityStatus first, QualityStatus second) {
        return first.ordinal() >= second.ordinal() ? first : second;
    }

    public static QualityStatus worst(Collection<QualityStatus> statuses) {
        return statuses.stream().reduce(A, QualityStatus::worst);
    }
}
