package cn.hangzhou.indicators.indicators;

import java.util.OptionalDouble;

/**
 * SDG 3.4.1, the probability of dying between 30 and 70 from the four major NCDs (reference/README.md):
 * 5Mx = deaths / population per 5-year group 30-34 … 65-69; 5qx = 5·5Mx / (1 + 2.5·5Mx);
 * 40q30 = 1 − Π(1 − 5qx); reported × 100 (a percentage).
 *
 * <p>A group without population and without deaths contributes q = 0; with deaths but no population the rate
 * is undefined and so is the result. q is capped at 1 (only reached with absurd data).
 */
public final class PrematureMortality {

    /** Lower bounds of the eight 5-year groups. */
    public static final int[] GROUP_STARTS = {30, 35, 40, 45, 50, 55, 60, 65};

    private PrematureMortality() {
    }

    /** The index of the group an age belongs to, or -1 outside 30-69. */
    public static int groupOf(int age) {
        return age < 30 || age > 69 ? -1 : (age - 30) / 5;
    }

    public static OptionalDouble percentage(long[] deaths, long[] population) {
        if (deaths.length != GROUP_STARTS.length || population.length != GROUP_STARTS.length) {
            throw new IllegalArgumentException("expected " + GROUP_STARTS.length + " age groups");
        }
        double survival = 1;
        for (int group = 0; group < GROUP_STARTS.length; group++) {
            if (population[group] == 0) {
                if (deaths[group] > 0) {
                    return OptionalDouble.empty();
                }
                continue;
            }
            double rate = (double) deaths[group] / population[group];
            survival *= 1 - Math.min(1, 5 * rate / (1 + 2.5 * rate));
        }
        return OptionalDouble.of(100 * (1 - survival));
    }
}
