package cn.hangzhou.indicators.conform;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.conform.DeliveryPlan.ConformedDelivery;
import cn.hangzhou.indicators.conform.DeliveryPlan.Delivery;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeliveryPlanTest {

    private static final ConformedDelivery JANUARY = new ConformedDelivery("payments_202401.csv", "f1", "202401", "run-1");
    private static final ConformedDelivery FEBRUARY = new ConformedDelivery("payments_202402.csv", "f2", "202402", "run-1");

    @Test
    void nothingChangedMeansNothingToDo() {
        DeliveryPlan plan = new DeliveryPlan(List.of(delivery("202401", "f1", "passed"), delivery("202402", "f2", "warned")),
                List.of(JANUARY, FEBRUARY));
        assertThat(plan.unchanged()).isTrue();
        assertThat(plan.acceptedPeriods()).containsExactly("202401", "202402");
        assertThat(plan.conformedAfter("run-2")).containsExactlyInAnyOrder(JANUARY, FEBRUARY);
    }

    @Test
    void aCorrectionAndANewMonthAreChangedPeriods() {
        DeliveryPlan plan = new DeliveryPlan(List.of(delivery("202401", "f1b", "passed"), delivery("202402", "f2", "passed"),
                delivery("202403", "f3", "passed")), List.of(JANUARY, FEBRUARY));
        assertThat(plan.changedPeriods()).containsExactly("202401", "202403");
        assertThat(plan.acceptedFileIds()).containsExactly("f1b", "f2", "f3");
        assertThat(plan.conformedAfter("run-2")).containsExactlyInAnyOrder(
                new ConformedDelivery("payments_202401.csv", "f1b", "202401", "run-2"), FEBRUARY,
                new ConformedDelivery("payments_202403.csv", "f3", "202403", "run-2"));
    }

    @Test
    void aRejectedOrUncheckedDeliveryHoldsItsPeriodBackWithItsEarlierDelivery() {
        DeliveryPlan plan = new DeliveryPlan(List.of(delivery("202401", "f1b", "rejected"), delivery("202402", "f2b", null),
                delivery("202403", "f3", "passed")), List.of(JANUARY, FEBRUARY));
        assertThat(plan.heldBackPeriods()).isEqualTo(Map.of("202401", DeliveryPlan.REJECTED, "202402", DeliveryPlan.NOT_CHECKED));
        assertThat(plan.anyRejected()).isTrue();
        assertThat(plan.acceptedPeriods()).containsExactly("202403");
        assertThat(plan.acceptedFileIds()).containsExactly("f3");
        assertThat(plan.changedPeriods()).containsExactly("202403");
        assertThat(plan.conformedAfter("run-2")).contains(JANUARY, FEBRUARY).hasSize(3);
    }

    @Test
    void oneRejectedDistrictFileHoldsBackItsYear() {
        DeliveryPlan plan = new DeliveryPlan(List.of(
                new Delivery("enrolments_2024_330102.txt", "e1", "2024", "passed"),
                new Delivery("enrolments_2024_330106.txt", "e2", "2024", "rejected")), List.of());
        assertThat(plan.acceptedPeriods()).isEmpty();
        assertThat(plan.unchanged()).isTrue();
        assertThat(Set.copyOf(plan.heldBackPeriods().values())).containsExactly(DeliveryPlan.REJECTED);
    }

    private static Delivery delivery(String period, String fileId, String qualityStatus) {
        return new Delivery("payments_" + period + ".csv", fileId, period, qualityStatus);
    }
}
