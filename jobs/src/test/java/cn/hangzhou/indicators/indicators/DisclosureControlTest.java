package cn.hangzhou.indicators.indicators;

import static cn.hangzhou.indicators.indicators.DisclosureControl.status;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DisclosureControlTest {

    @Test
    void countsFromOneToFourAreWithheldButZeroAndFiveArePublished() {
        assertThat(status(DisclosureRule.COUNT, QualityStatus.A, 0.0, null)).isEqualTo("published");
        assertThat(status(DisclosureRule.COUNT, QualityStatus.A, 1.0, null)).isEqualTo("C");
        assertThat(status(DisclosureRule.COUNT, QualityStatus.A, 4.0, null)).isEqualTo("C");
        assertThat(status(DisclosureRule.COUNT, QualityStatus.A, 5.0, null)).isEqualTo("published");
    }

    @Test
    void aRateIsWithheldWhenItsNumeratorOrItsDenominatorIsSmall() {
        assertThat(status(DisclosureRule.RATE, QualityStatus.A, 3.0, 100.0)).isEqualTo("C");
        assertThat(status(DisclosureRule.RATE, QualityStatus.A, 4.0, 4.0)).isEqualTo("C");
        assertThat(status(DisclosureRule.RATE, QualityStatus.A, 0.0, 4.0)).isEqualTo("C");
        assertThat(status(DisclosureRule.RATE, QualityStatus.A, 0.0, 10.0)).isEqualTo("published");
        assertThat(status(DisclosureRule.RATE, QualityStatus.A, 5.0, 5.0)).isEqualTo("published");
        assertThat(status(DisclosureRule.RATE, QualityStatus.W, 0.0, 0.0)).isEqualTo("published");
    }

    @Test
    void lifeTablesNeedTwentyDeaths() {
        assertThat(status(DisclosureRule.DEATHS, QualityStatus.A, 19.0, 100_000.0)).isEqualTo("C");
        assertThat(status(DisclosureRule.DEATHS, QualityStatus.A, 20.0, 100_000.0)).isEqualTo("published");
    }

    @Test
    void standardsAndAmountsAreNotCounts() {
        assertThat(status(DisclosureRule.NONE, QualityStatus.A, 2.0, null)).isEqualTo("published");
    }

    @Test
    void failedQualityIsNeverPublishedWhateverTheCounts() {
        assertThat(status(DisclosureRule.RATE, QualityStatus.X, 50.0, 100.0)).isEqualTo("X");
        assertThat(status(DisclosureRule.COUNT, QualityStatus.X, 2.0, null)).isEqualTo("X");
    }
}
