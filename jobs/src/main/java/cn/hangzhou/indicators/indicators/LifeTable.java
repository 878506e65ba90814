package cn.hangzhou.indicators.indicators;

import java.util.OptionalDouble;

/**
 * Life expectancy at birth from an abridged life table by Chiang's method II (reference/README.md): age groups
 * 0, 1-4, 5-9, …, 80-84, 85+; nqx = n·Mx / (1 + n(1 − ax)Mx) with a0 = 0.1 and ax = 0.5 otherwise, the open
 * group 85+ has q = 1 and L = l / M; e0 = T0 / l0 with l0 = 100 000.
 *
 * <p>Groups without population: with no deaths either, Mx = 0 (nobody dies there); with deaths, the rate is
 * undefined and so is e0. An open group without deaths (M = 0) makes L infinite: e0 is undefined. A closed group
 * whose q would exceed 1 (Mx above 1/(n·ax), only with absurd data) is capped at q = 1.
 */
public final class LifeTable {

    /** Lower bounds of the age groups, the last one open. */
    public static final int[] GROUP_STARTS = {0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85};
    public static final double RADIX = 100_000;

    private LifeTable() {
    }

    /** The index of the group an age in completed years belongs to. */
    public static int groupOf(int age) {
        if (age < 1) {
            return 0;
        }
        if (age < 5) {
            return 1;
        }
        return Math.min(age / 5 + 1, GROUP_STARTS.length - 1);
    }

    /** e0 from deaths and mid-year (here: year-end) population per group; empty where undefined. */
    public static OptionalDouble lifeExpectancyAtBirth(long[] deaths, long[] population) {
        int groups = GROUP_STARTS.length;
        if (deaths.length != groups || population.length != groups) {
            throw new IllegalArgumentException("expected " + groups + " age groups");
        }
        double survivors = RADIX;
        double personYears = 0;
        for (int group = 0; group < groups; group++) {
            if (population[group] == 0 && deaths[group] > 0) {
                return OptionalDouble.empty();
            }
            double rate = population[group] == 0 ? 0 : (double) deaths[group] / population[group];
            if (group == groups - 1) {
                if (rate == 0) {
                    return OptionalDouble.empty();
                }
                personYears += survivors / rate;
                break;
            }
            int width = GROUP_STARTS[group + 1] - GROUP_STARTS[group];
            double fraction = group == 0 ? 0.1 : 0.5;
            double probability = Math.min(1, width * rate / (1 + width * (1 - fraction) * rate));
            double dying = survivors * probability;
            double next = survivors - dying;
            personYears += width * (next + fraction * dying);
            survivors = next;
        }
        return OptionalDouble.of(personYears / RADIX);
    }
}
