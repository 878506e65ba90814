package cn.hangzhou.indicators.indicators;

/**
 * The publication rules' disclosure control for one value: values of failed quality (X) are not published;
 * a count between 1 and 4, and a rate whose numerator or denominator is between 1 and 4, is withheld as a small
 * cell (C); life expectancy and premature mortality are withheld where fewer than 20 deaths are behind them.
 */
public final class DisclosureControl {

    public static final String PUBLISHED = "published";
    public static final String SMALL_CELL = "C";
    public static final String FAILED_QUALITY = "X";
    public static final int MINIMUM_DEATHS = 20;

    private DisclosureControl() {
    }

    /** The disclosure status of a value; numerator and denominator are the unsuppressed ones. */
    public static String status(DisclosureRule rule, QualityStatus quality, Double numerator, Double denominator) {
        if (quality == QualityStatus.X) {
            return FAILED_QUALITY;
        }
        boolean withheld = switch (rule) {
            case COUNT -> small(numerator);
            case RATE -> small(numerator) || small(denominator);
            case DEATHS -> numerator == null || numerator < MINIMUM_DEATHS;
            case NONE -> false;
        };
        return withheld ? SMALL_CELL : PUBLISHED;
    }

    private static boolean small(Double count) {
        return count != null && count >= 1 && count <= 4;
    }
}
