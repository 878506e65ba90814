package cn.hangzhou.indicators.config;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;

/**
 * Resident ID numbers per GB 11643-1999 ({@code reference/README.md}): 6-digit address code, 8-digit birth
 * date, 3-digit sequence, one ISO 7064 MOD 11-2 check character.
 */
public final class ResidentIdNumbers {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK_CHARACTERS = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    private static final DateTimeFormatter BIRTH_DATE = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);

    private ResidentIdNumbers() {
    }

    /** The check character of the first 17 digits. */
    public static char checkCharacter(String first17) {
        if (first17 == null || first17.length() != 17) {
            throw new IllegalArgumentException("the check character needs exactly 17 digits");
        }
        int sum = 0;
        for (int index = 0; index < 17; index++) {
            char digit = first17.charAt(index);
            if (digit < '0' || digit > '9') {
                throw new IllegalArgumentException("the check character needs exactly 17 digits");
            }
            sum += (digit - '0') * WEIGHTS[index];
        }
        return CHECK_CHARACTERS[sum % 11];
    }

    /** The first 17 digits followed by their check character. */
    public static String withCheckCharacter(String first17) {
        return first17 + checkCharacter(first17);
    }

    /** Trimmed and upper-cased (a lower-case {@code x} check character becomes {@code X}); null stays null. */
    public static String normalise(String idNumber) {
        return idNumber == null ? null : idNumber.trim().toUpperCase(Locale.ROOT);
    }

    /** 18 characters, 17 digits and a correct check character, digits 7-14 a real date; expects a normalised value. */
    public static boolean isValid(String idNumber) {
        if (idNumber == null || idNumber.length() != 18) {
            return false;
        }
        for (int index = 0; index < 17; index++) {
            char digit = idNumber.charAt(index);
            if (digit < '0' || digit > '9') {
                return false;
            }
        }
        if (idNumber.charAt(17) != checkCharacter(idNumber.substring(0, 17))) {
            return false;
        }
        try {
            LocalDate.parse(idNumber.substring(6, 14), BIRTH_DATE);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
