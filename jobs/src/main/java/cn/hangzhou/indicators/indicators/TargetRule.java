package cn.hangzhou.indicators.indicators;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A 2025 target as printed in the plan, read as a comparison: {@code >95} strictly above, {@code <8.5} strictly
 * below, {@code 99以上}, {@code 保持在90以上}, {@code ≥N} and a bare number at least. Anything else
 * ({@code [125]} cumulative figures, text such as 省下达目标, no target) cannot be judged: {@link #met} is null.
 */
public record TargetRule(String printed, Comparison comparison, Double threshold) {

    public enum Comparison {
        ABOVE, AT_LEAST, BELOW, AT_MOST, NONE
    }

    private static final Pattern NUMBER = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)");
    private static final Pattern STRICTLY_ABOVE = Pattern.compile(">\\s*" + NUMBER.pattern());
    private static final Pattern STRICTLY_BELOW = Pattern.compile("<\\s*" + NUMBER.pattern());
    private static final Pattern AT_LEAST = Pattern.compile("(?:≥\\s*|保持在)?" + NUMBER.pattern() + "(?:%)?(?:以上)?");
    private static final Pattern AT_MOST = Pattern.compile("≤\\s*" + NUMBER.pattern());

    public static TargetRule parse(String printed) {
        if (printed == null || printed.isBlank()) {
            return new TargetRule(printed, Comparison.NONE, null);
        }
        String text = printed.trim();
        Matcher matcher;
        if ((matcher = STRICTLY_ABOVE.matcher(text)).matches()) {
            return new TargetRule(printed, Comparison.ABOVE, Double.valueOf(matcher.group(1)));
        }
        if ((matcher = STRICTLY_BELOW.matcher(text)).matches()) {
            return new TargetRule(printed, Comparison.BELOW, Double.valueOf(matcher.group(1)));
        }
        if ((matcher = AT_MOST.matcher(text)).matches()) {
            return new TargetRule(printed, Comparison.AT_MOST, Double.valueOf(matcher.group(1)));
        }
        if ((matcher = AT_LEAST.matcher(text)).matches()) {
            return new TargetRule(printed, Comparison.AT_LEAST, Double.valueOf(matcher.group(1)));
        }
        return new TargetRule(printed, Comparison.NONE, null);
    }

    /** Whether an unrounded value meets the target; null where there is no value or no judgeable target. */
    public Boolean met(Double value) {
        if (value == null || value.isNaN() || comparison == Comparison.NONE) {
            return null;
        }
        return switch (comparison) {
            case ABOVE -> value > threshold;
            case AT_LEAST -> value >= threshold;
            case BELOW -> value < threshold;
            case AT_MOST -> value <= threshold;
            case NONE -> null;
        };
    }
}
