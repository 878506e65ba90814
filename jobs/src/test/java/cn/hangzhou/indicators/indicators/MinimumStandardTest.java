package cn.hangzhou.indicators.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MinimumStandardTest {

    @Test
    void theMostFrequentStandardWinsAndMoreThanOneIsADisagreement() {
        MinimumStandard standard = new MinimumStandard();
        standard.add(new BigDecimal("1100.00"), 3);
        standard.add(new BigDecimal("1050.00"), 5);
        assertThat(standard.mode().monthlyStandard()).isEqualByComparingTo("1050");
        assertThat(standard.mode().disagreement()).isTrue();
    }

    @Test
    void equallyFrequentStandardsGiveTheHigherAndTheSameValueWithOtherScalesCountsTogether() {
        MinimumStandard standard = new MinimumStandard();
        standard.add(new BigDecimal("1050.00"), 2);
        standard.add(new BigDecimal("1100.00"), 1);
        standard.add(new BigDecimal("1100.0"), 1);
        assertThat(standard.mode().monthlyStandard()).isEqualByComparingTo("1100");
        assertThat(standard.mode().disagreement()).isTrue();
    }

    @Test
    void oneStandardIsNoDisagreementAndNoPaymentsNoValue() {
        MinimumStandard standard = new MinimumStandard();
        assertThat(standard.mode()).isNull();
        standard.add(new BigDecimal("1000.00"), 4);
        assertThat(standard.mode().disagreement()).isFalse();
    }
}
