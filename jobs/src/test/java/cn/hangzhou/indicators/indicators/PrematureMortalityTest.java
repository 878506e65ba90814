package cn.hangzhou.indicators.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class PrematureMortalityTest {

    @Test
    void constantMortalityFollowsTheClosedForm() {
        // 5Mx = 200 / 100 000 = 0.002 in each of 8 groups: 5qx = 0.01 / 1.005, 40q30 = 1 - (1 - 5qx)^8.
        long[] deaths = {200, 200, 200, 200, 200, 200, 200, 200};
        long[] population = {100_000, 100_000, 100_000, 100_000, 100_000, 100_000, 100_000, 100_000};
        double q = 0.01 / 1.005;
        double expected = 100 * (1 - Math.pow(1 - q, 8));
        assertThat(PrematureMortality.percentage(deaths, population).getAsDouble()).isCloseTo(expected, within(1e-12));
        assertThat(expected).isCloseTo(7.69, within(0.01));
    }

    @Test
    void aRealisticScheduleIsSomeFewPercentAndMatchesASumOfLogarithms() {
        // NCD death rates rising from 0.3 to 8 per 1000 between 30 and 69 give about 11.5 % (Hangzhou 2020: 6.93 %).
        long[] deaths = {30, 50, 90, 150, 260, 420, 650, 800};
        long[] population = {100_000, 100_000, 100_000, 100_000, 100_000, 100_000, 100_000, 100_000};
        double logSurvival = 0;
        for (int group = 0; group < 8; group++) {
            double rate = deaths[group] / 100_000.0;
            logSurvival += Math.log1p(-5 * rate / (1 + 2.5 * rate));
        }
        double value = PrematureMortality.percentage(deaths, population).getAsDouble();
        assertThat(value).isCloseTo(100 * -Math.expm1(logSurvival), within(1e-9));
        assertThat(value).isBetween(5.0, 15.0);
    }

    @Test
    void noDeathsIsZeroAndDeathsWithoutPopulationAreUndefined() {
        long[] none = new long[8];
        long[] population = {10, 10, 10, 10, 10, 10, 10, 0};
        assertThat(PrematureMortality.percentage(none, population).getAsDouble()).isZero();
        long[] deaths = {0, 0, 0, 0, 0, 0, 0, 1};
        assertThat(PrematureMortality.percentage(deaths, population)).isEqualTo(OptionalDouble.empty());
    }

    @Test
    void onlyAges30To69HaveAGroup() {
        assertThat(PrematureMortality.groupOf(29)).isEqualTo(-1);
        assertThat(PrematureMortality.groupOf(30)).isEqualTo(0);
        assertThat(PrematureMortality.groupOf(69)).isEqualTo(7);
        assertThat(PrematureMortality.groupOf(70)).isEqualTo(-1);
    }
}
