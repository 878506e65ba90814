package cn.hangzhou.indicators.cli;

import java.util.List;
import java.util.TreeSet;
import picocli.CommandLine;

/** {@code --years}: a year ({@code 2024}), a range ({@code 2021-2025}) or a comma-separated list of either. */
public class YearsConverter implements CommandLine.ITypeConverter<YearsConverter.Years> {

    /** The years of one {@code --years} option, ascending. */
    public record Years(List<Integer> values) {
    }

    @Override
    public Years convert(String value) {
        TreeSet<Integer> years = new TreeSet<>();
        for (String part : value.split(",")) {
            String text = part.trim();
            if (text.matches("\\d{4}")) {
                years.add(Integer.parseInt(text));
            } else if (text.matches("\\d{4}-\\d{4}")) {
                int first = Integer.parseInt(text.substring(0, 4));
                int last = Integer.parseInt(text.substring(5));
                if (first > last) {
                    throw new CommandLine.TypeConversionException("'" + text + "': the first year is after the last");
                }
                for (int year = first; year <= last; year++) {
                    years.add(year);
                }
            } else {
                throw new CommandLine.TypeConversionException("'" + text + "' is not a year (2024) or a range of years (2021-2025)");
            }
        }
        return new Years(List.copyOf(years));
    }
}
