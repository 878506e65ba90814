package cn.hangzhou.indicators.quality;

import java.util.List;

/**
 * The gate's verdict on one delivery: its rows, the rows quarantined by {@code drop} rules (accepted = rows -
 * quarantined), the quality status and every rule's result.
 */
public record DeliveryOutcome(Delivery delivery, long rows, long quarantinedRows, QualityStatus status, List<RuleResult> results) {

    public DeliveryOutcome {
        results = List.copyOf(results);
    }

    public long acceptedRows() {
        return rows - quarantinedRows;
    }

    public List<RuleResult> failures() {
        return results.stream().filter(result -> !result.passed()).toList();
    }
}
