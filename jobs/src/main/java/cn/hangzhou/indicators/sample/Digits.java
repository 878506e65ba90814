package cn.hangzhou.indicators.sample;

/** Allocation-light number formatting for the hot paths (String.format is slow at 100 M rows). */
final class Digits {

    private Digits() {
    }

    /** The value with leading zeros to the given width. */
    static String zeroPadded(long value, int width) {
        String digits = Long.toString(value);
        if (digits.length() >= width) {
            return digits;
        }
        StringBuilder text = new StringBuilder(width);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(digits).toString();
    }

    /** Yuan with two decimals and thousands separators: {@code 1,234.50}, {@code -500.00}. */
    static String amount(double value) {
        long cents = Math.round(value * 100);
        boolean negative = cents < 0;
        cents = Math.abs(cents);
        String yuan = Long.toString(cents / 100);
        StringBuilder text = new StringBuilder(yuan.length() + 8);
        if (negative) {
            text.append('-');
        }
        for (int i = 0; i < yuan.length(); i++) {
            if (i > 0 && (yuan.length() - i) % 3 == 0) {
                text.append(',');
            }
            text.append(yuan.charAt(i));
        }
        long fraction = cents % 100;
        return text.append('.').append((char) ('0' + fraction / 10)).append((char) ('0' + fraction % 10)).toString();
    }
}
