package cn.hangzhou.indicators.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class LifeTableTest {

    private static final int GROUPS = 19;

    /** Hangzhou-like death rates per group (0, 1-4, 5-9, …, 85+), times 1 000 000 persons per group. */
    private static final long[] REALISTIC_DEATHS = {2000, 200, 100, 100, 300, 400, 500, 600, 900, 1400, 2200, 3500, 5500,
            9000, 15000, 26000, 45000, 80000, 180000};

    @Test
    void constantMortalityGivesTheReciprocalOfTheRate() {
        // With the same Mx in every group, Chiang's nLx equals ndx / Mx in every group (closed: n·l/(1+n(1-a)M) =
        // l·q/M; open: l/M), so T0 = Σ d / M = l0 / M and e0 = 1 / M whatever the ax: 1 / 0.0125 = 80 years.
        long[] deaths = new long[GROUPS];
        long[] population = new long[GROUPS];
        for (int group = 0; group < GROUPS; group++) {
            population[group] = 80_000;
            deaths[group] = 1_000;
        }
        assertThat(LifeTable.lifeExpectancyAtBirth(deaths, population).getAsDouble()).isCloseTo(80.0, within(1e-9));
    }

    @Test
    void aRealisticScheduleMatchesAnIndependentComputationAndIsAbout80Years() {
        long[] population = new long[GROUPS];
        java.util.Arrays.fill(population, 1_000_000);
        double expected = independentLifeExpectancy(REALISTIC_DEATHS, population);
        double e0 = LifeTable.lifeExpectancyAtBirth(REALISTIC_DEATHS, population).getAsDouble();
        assertThat(e0).isCloseTo(expected, within(1e-9));
        assertThat(e0).isBetween(75.0, 90.0);
    }

    @Test
    void higherMortalityGivesALowerLifeExpectancy() {
        long[] population = new long[GROUPS];
        java.util.Arrays.fill(population, 1_000_000);
        long[] doubled = REALISTIC_DEATHS.clone();
        for (int group = 0; group < GROUPS; group++) {
            doubled[group] *= 2;
        }
        assertThat(LifeTable.lifeExpectancyAtBirth(doubled, population).getAsDouble())
                .isLessThan(LifeTable.lifeExpectancyAtBirth(REALISTIC_DEATHS, population).getAsDouble() - 5);
    }

    @Test
    void anEmptyClosedGroupCountsAsNoMortalityButDeathsWithoutPopulationOrAnOpenGroupWithoutDeathsAreUndefined() {
        long[] population = new long[GROUPS];
        java.util.Arrays.fill(population, 1_000_000);
        long[] deaths = REALISTIC_DEATHS.clone();
        population[3] = 0;
        deaths[3] = 0;
        long[] withoutGroup3 = REALISTIC_DEATHS.clone();
        withoutGroup3[3] = 0;
        assertThat(LifeTable.lifeExpectancyAtBirth(deaths, population).getAsDouble())
                .isCloseTo(LifeTable.lifeExpectancyAtBirth(withoutGroup3, filled(1_000_000)).getAsDouble(), within(1e-9));

        deaths[3] = 5;
        assertThat(LifeTable.lifeExpectancyAtBirth(deaths, population)).isEqualTo(OptionalDouble.empty());

        long[] noOldDeaths = REALISTIC_DEATHS.clone();
        noOldDeaths[GROUPS - 1] = 0;
        assertThat(LifeTable.lifeExpectancyAtBirth(noOldDeaths, filled(1_000_000))).isEqualTo(OptionalDouble.empty());
    }

    @Test
    void agesFallIntoTheirGroups() {
        assertThat(LifeTable.groupOf(0)).isEqualTo(0);
        assertThat(LifeTable.groupOf(1)).isEqualTo(1);
        assertThat(LifeTable.groupOf(4)).isEqualTo(1);
        assertThat(LifeTable.groupOf(5)).isEqualTo(2);
        assertThat(LifeTable.groupOf(84)).isEqualTo(17);
        assertThat(LifeTable.groupOf(85)).isEqualTo(18);
        assertThat(LifeTable.groupOf(100)).isEqualTo(18);
    }

    private static long[] filled(long value) {
        long[] values = new long[GROUPS];
        java.util.Arrays.fill(values, value);
        return values;
    }

    /** The same table written the other way round: survivors as a product of (1 - q), L as d / M (l / M when open). */
    private static double independentLifeExpectancy(long[] deaths, long[] population) {
        int[] widths = {1, 4, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5};
        double survivingFraction = 1;
        double total = 0;
        for (int group = 0; group < GROUPS; group++) {
            double rate = deaths[group] / (double) population[group];
            if (group == GROUPS - 1) {
                total += 100_000 * survivingFraction / rate;
            } else {
                double separation = group == 0 ? 0.1 : 0.5;
                double q = widths[group] * rate / (1 + widths[group] * (1 - separation) * rate);
                total += 100_000 * survivingFraction * q / rate;
                survivingFraction *= 1 - q;
            }
        }
        return total / 100_000;
    }
}
