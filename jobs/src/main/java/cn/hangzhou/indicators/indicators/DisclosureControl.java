package cn.hangzhou.indicators.indicators;

/**
 * The publication rules' disclosure control for one value: values of failed quality (X) are not published;
 * a count between 1 and 4, and a rate whose numerator or denominator is between 1 and 4, is withheld as a small
 * cell (C); life expectancy and premature mortality are withheld where fewer than 20 deaths are behind them.
 * {@link SecondarySuppression} then withholds complementary cells (D) so that no small cell follows from the others.
 */
public final class DisclosureControl {

    public static final String PUBLISHED = "published";
    public static final String SMALL_CELL = "C";
    public static final String FAILED_QUALITY = "X";
    public static final String SECONDARY = "D";
    public static final int MINIMUM_DEATHS = 20;

    private DisclosureControl() {
    }

    /** The disclosure status of a value; numerator and denominator are the unsuppressed ones. */
    public static String status(DisclosureRule rule, QualityStatus quality, Double numerator, Double denominator) {
        if (quality == QualityStatus.X) {
            return FAILED_QUALITY;
        }
        return smallCell(rule, numerator, denominator) ? SMALL_CELL : PUBLISHED;
    }

    /** Whether the small-cell rule withholds a value, whatever its quality. */
    public static boolean smallCell(DisclosureRule rule, Double numerator, Double denominator) {
        SmallQuantities small = smallQuantities(rule, numerator, denominator);
        return small.numerator() || small.denominator() || rule == DisclosureRule.DEATHS && numerator == null;
    }

    /** Which quantities of a value are the small counts the rule protects: these must not follow from published values. */
    public record SmallQuantities(boolean numerator, boolean denominator) {
    }

    /**
     * The small counts of a value, whatever its quality: a small numerator; a small denominator, with its numerator
     * (no larger); for life tables and premature mortality the deaths (the numerator) below 20.
     */
    public static SmallQuantities smallQuantities(DisclosureRule rule, Double numerator, Double denominator) {
        return switch (rule) {
            case COUNT -> new SmallQuantities(small(numerator), false);
            case RATE -> new SmallQuantities(small(numerator) || small(denominator), small(denominator));
            case DEATHS -> new SmallQuantities(numerator != null && numerator < MINIMUM_DEATHS, false);
            case NONE -> new SmallQuantities(false, false);
        };
    }

    private static boolean small(Double count) {
        return count != null && count >= 1 && count <= 4;
    }
}
