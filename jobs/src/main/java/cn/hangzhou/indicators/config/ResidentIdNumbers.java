package cn.hangzhou.indicators.config;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;

/** GB 11643-1999 resident ID numbers: normalisation, the ISO 7064 MOD 11-2 check character, validity. */
public final class ResidentIdNumbers {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK_CHARACTERS = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    private static final DateTimeFormatter BIRTH_DATE = DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    private ResidentIdNumbers() {
    }

    /** The check character of the first 17 digits. */
    public static char checkCharacter(String first17) {
        if (first17 == null || first17.length() != 17 || !first17.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("the check character needs exactly 17 digits");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS[sum % 11];
    }

    /** True for 18 characters, 17 digits then a digit or {@code X}, a real birth date in digits 7-14 and the right check character. */
    public static boolean isValid(String idNumber) {
        if (idNumber == null || idNumber.length() != 18) {
            return false;
        }
        String first17 = idNumber.substring(0, 17);
        if (!first17.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        char last = idNumber.charAt(17);
        if (!(last >= '0' && last <= '9') && last != 'X') {
            return false;
        }
        try {
            LocalDate.parse(idNumber.substring(6, 14), BIRTH_DATE);
        } catch (DateTimeParseException e) {
            return false;
        }
        return checkCharacter(first17) == last;
    }

    /** Trimmed and with an upper-case {@code X}; null stays null. */
    public static String normalise(String idNumber) {
        return idNumber == null ? null : idNumber.trim().toUpperCase(Locale.ROOT);
    }
}
