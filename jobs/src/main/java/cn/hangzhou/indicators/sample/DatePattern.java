package cn.hangzhou.indicators.sample;

import java.time.LocalDate;

/** Fast formatting of the three date patterns of the contract ({@code yyyy-MM-dd}, {@code yyyy/MM/dd}, {@code yyyyMMdd}). */
final class DatePattern {

    private final String pattern;

    DatePattern(String pattern) {
        if (!pattern.matches("yyyy[^ymd]?MM[^ymd]?dd")) {
            throw new IllegalArgumentException("unsupported date pattern " + pattern);
        }
        this.pattern = pattern;
    }

    String format(int epochDay) {
        return format(LocalDate.ofEpochDay(epochDay));
    }

    String format(LocalDate date) {
        return render(date.getYear(), date.getMonthValue(), date.getDayOfMonth());
    }

    /** Renders any year, month and day, even an impossible one such as 30 February. */
    String render(int year, int month, int day) {
        StringBuilder text = new StringBuilder(10);
        text.append(year);
        text.append(pattern, 4, pattern.indexOf("MM"));
        text.append((char) ('0' + month / 10)).append((char) ('0' + month % 10));
        text.append(pattern, pattern.indexOf("MM") + 2, pattern.indexOf("dd"));
        text.append((char) ('0' + day / 10)).append((char) ('0' + day % 10));
        return text.toString();
    }

    LocalDate parse(String text) {
        int monthAt = pattern.indexOf("MM");
        int dayAt = pattern.indexOf("dd");
        return LocalDate.of(Integer.parseInt(text.substring(0, 4)), Integer.parseInt(text.substring(monthAt, monthAt + 2)),
                Integer.parseInt(text.substring(dayAt, dayAt + 2)));
    }
}
