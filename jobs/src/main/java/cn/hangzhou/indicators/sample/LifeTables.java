package cn.hangzhou.indicators.sample;

/** The two mortality summaries of reference/README.md: Chiang II life expectancy and SDG 3.4.1 40q30. */
public final class LifeTables {

    /** Lower bounds of the life-table age groups 0, 1-4, 5-9, ..., 80-84, 85+. */
    public static final int[] GROUP_STARTS = {0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85};

    private LifeTables() {
    }

    /** The life-table group of an age in completed years. */
    public static int group(int age) {
        for (int g = GROUP_STARTS.length - 1; g >= 0; g--) {
            if (age >= GROUP_STARTS[g]) {
                return g;
            }
        }
        throw new IllegalArgumentException("negative age " + age);
    }

    /** Life expectancy at birth from death rates per group (Chiang II, a0 = 0.1, ax = 0.5, open group L = l/M). */
    public static double lifeExpectancy(double[] groupRates) {
        double survivors = 100_000;
        double personYears = 0;
        for (int g = 0; g < GROUP_STARTS.length; g++) {
            double rate = groupRates[g];
            if (g == GROUP_STARTS.length - 1) {
                personYears += rate > 0 ? survivors / rate : 0;
                break;
            }
            int width = GROUP_STARTS[g + 1] - GROUP_STARTS[g];
            double fraction = g == 0 ? 0.1 : 0.5;
            double probability = Math.min(1, width * rate / (1 + width * (1 - fraction) * rate));
            double dying = survivors * probability;
            personYears += width * (survivors - dying) + width * fraction * dying;
            survivors -= dying;
        }
        return personYears / 100_000;
    }

    /** 40q30 in percent from cause-specific death rates of the eight 5-year groups 30-34 ... 65-69. */
    public static double prematureMortality(double[] fiveYearRates30To69) {
        double survival = 1;
        for (double rate : fiveYearRates30To69) {
            survival *= 1 - 5 * rate / (1 + 2.5 * rate);
        }
        return 100 * (1 - survival);
    }
}
