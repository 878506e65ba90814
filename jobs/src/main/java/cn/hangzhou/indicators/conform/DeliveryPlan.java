package cn.hangzhou.indicators.conform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What {@code conform} does with one extract, from its current deliveries (manifest rows with status
 * {@code ingested}) and what was conformed before ({@code ops/conform_state}): which periods are accepted
 * (every current delivery passed or warned), which are held back as they are (a delivery not checked yet,
 * or rejected by the quality gate), and which accepted periods changed since the last run.
 */
public final class DeliveryPlan {

    /** A current delivery of the manifest. */
    public record Delivery(String sourceName, String fileId, String period, String qualityStatus) {
    }

    /** A delivery whose rows silver holds, as recorded in {@code ops/conform_state}. */
    public record ConformedDelivery(String sourceName, String fileId, String period, String conformedRunId) {
    }

    static final String NOT_CHECKED = "not checked by the quality gate yet";
    static final String REJECTED = "rejected by the quality gate";

    private final List<Delivery> deliveries;
    private final List<ConformedDelivery> conformed;
    private final Map<String, String> heldBack = new TreeMap<>();
    private final Set<String> acceptedPeriods = new TreeSet<>();

    public DeliveryPlan(List<Delivery> deliveries, List<ConformedDelivery> conformed) {
        this.deliveries = List.copyOf(deliveries);
        this.conformed = List.copyOf(conformed);
        for (Delivery delivery : deliveries) {
            String status = delivery.qualityStatus();
            if (status == null) {
                heldBack.putIfAbsent(delivery.period(), NOT_CHECKED);
            } else if (status.equals("rejected")) {
                heldBack.put(delivery.period(), REJECTED);
            } else if (!status.equals("passed") && !status.equals("warned")) {
                throw new IllegalStateException("the manifest has quality_status '" + status + "'");
            }
        }
        deliveries.stream().map(Delivery::period).filter(period -> !heldBack.containsKey(period)).forEach(acceptedPeriods::add);
    }

    /** Periods whose every current delivery the quality gate accepted. */
    public Set<String> acceptedPeriods() {
        return acceptedPeriods;
    }

    /** Periods left as silver has them, with the reason. */
    public Map<String, String> heldBackPeriods() {
        return heldBack;
    }

    public boolean anyRejected() {
        return heldBack.containsValue(REJECTED);
    }

    /** The file ids of the accepted periods' deliveries: the bronze rows conform reads. */
    public Set<String> acceptedFileIds() {
        return deliveries.stream().filter(delivery -> acceptedPeriods.contains(delivery.period()))
                .map(Delivery::fileId).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Accepted periods whose deliveries differ from those conformed before (new, corrected or newly accepted). */
    public Set<String> changedPeriods() {
        Set<String> changed = new TreeSet<>();
        for (String period : acceptedPeriods) {
            Set<String> now = deliveries.stream().filter(delivery -> delivery.period().equals(period))
                    .map(delivery -> delivery.sourceName() + "/" + delivery.fileId()).collect(Collectors.toSet());
            Set<String> before = conformed.stream().filter(delivery -> delivery.period().equals(period))
                    .map(delivery -> delivery.sourceName() + "/" + delivery.fileId()).collect(Collectors.toSet());
            if (!now.equals(before)) {
                changed.add(period);
            }
        }
        return changed;
    }

    /** What silver holds once the changed periods are conformed: accepted deliveries, and the other periods' earlier ones. */
    public List<ConformedDelivery> conformedAfter(String runId) {
        List<ConformedDelivery> after = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            if (acceptedPeriods.contains(delivery.period())) {
                String since = conformed.stream().filter(before -> before.fileId().equals(delivery.fileId())
                                && before.sourceName().equals(delivery.sourceName()))
                        .map(ConformedDelivery::conformedRunId).findFirst().orElse(runId);
                after.add(new ConformedDelivery(delivery.sourceName(), delivery.fileId(), delivery.period(), since));
            }
        }
        // periods held back, or without a current delivery, stay in silver as they were
        conformed.stream().filter(before -> !acceptedPeriods.contains(before.period())).forEach(after::add);
        return after;
    }

    /** Whether no accepted period changed since the last run. */
    public boolean unchanged() {
        return changedPeriods().isEmpty();
    }
}
