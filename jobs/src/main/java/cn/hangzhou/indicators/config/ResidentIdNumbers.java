package cn.hangzhou.indicators.config;

import java.util.Locale;

/** GB 11643-1999 resident ID numbers: the ISO 7064 MOD 11-2 check character, validation and normalisation. */
public final class ResidentIdNumbers {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK_CHARACTERS = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private ResidentIdNumbers() {
    }

    /** The check character for the first 17 digits of an ID number. */
    public static char checkCharacter(String first17) {
        if (first17 == null || first17.length() != 17) {
            throw new IllegalArgumentException("need exactly 17 digits, got " + first17);
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char digit = first17.charAt(i);
            if (digit < '0' || digit > '9') {
                throw new IllegalArgumentException("not a digit at position " + (i + 1) + " of " + first17);
            }
            sum += (digit - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS[sum % 11];
    }

    /** The first 17 digits followed by their check character. */
    public static String withCheckCharacter(String first17) {
        return first17 + checkCharacter(first17);
    }

    /** True when the value is exactly 18 characters: 17 digits and the right check character (upper-case X only). */
    public static boolean isValid(String value) {
        if (value == null || value.length() != 18) {
            return false;
        }
        for (int i = 0; i < 17; i++) {
            char digit = value.charAt(i);
            if (digit < '0' || digit > '9') {
                return false;
            }
        }
        return checkCharacter(value.substring(0, 17)) == value.charAt(17);
    }

    /** Trim and upper-case (a lower-case {@code x} check character is a common delivery defect); null stays null. */
    public static String normalise(String value) {
        return value == null ? null : value.trim().toUpperCase(Locale.ROOT);
    }
}
