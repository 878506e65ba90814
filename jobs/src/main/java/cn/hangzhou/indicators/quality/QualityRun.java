package cn.hangzhou.indicators.quality;

import java.time.Instant;
import java.util.List;

/**
 * One run of the gate: its id, the deliveries it checked, and the extracts it could not check (their
 * deliveries keep quality_status null and are checked again next time).
 */
public record QualityRun(String runId, Instant checkedAt, List<DeliveryOutcome> outcomes, List<String> failedExtracts) {

    public QualityRun {
        outcomes = List.copyOf(outcomes);
        failedExtracts = List.copyOf(failedExtracts);
    }

    public boolean anyRejected() {
        return outcomes.stream().anyMatch(outcome -> outcome.status() == QualityStatus.REJECTED);
    }
}
