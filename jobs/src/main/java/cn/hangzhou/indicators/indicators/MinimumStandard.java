package cn.hangzhou.indicators.indicators;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * T2-43: the most frequent monthly standard among the payments considered. Equally frequent standards: the
 * higher one (the standard a district is raising to). More than one standard found is a disagreement, which
 * makes the value's quality status W.
 */
public final class MinimumStandard {

    public record Mode(BigDecimal monthlyStandard, boolean disagreement) {
    }

    private final Map<BigDecimal, Long> paymentsByStandard = new TreeMap<>();

    public void add(BigDecimal monthlyStandard, long payments) {
        paymentsByStandard.merge(monthlyStandard.stripTrailingZeros(), payments, Long::sum);
    }

    /** The mode, or null where no payment was considered. */
    public Mode mode() {
        BigDecimal best = null;
        long bestCount = -1;
        // ascending standards: ">=" keeps the higher of equally frequent ones
        for (Map.Entry<BigDecimal, Long> entry : paymentsByStandard.entrySet()) {
            if (entry.getValue() >= bestCount) {
                best = entry.getKey();
                bestCount = entry.getValue();
            }
        }
        return best == null ? null : new Mode(best, paymentsByStandard.size() > 1);
    }
}
