package cn.hangzhou.indicators.indicators;

import cn.hangzhou.indicators.config.District;
import cn.hangzhou.indicators.config.ReferenceData;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The indicator table of one year for a terminal: one line per indicator with unit, 2025 target, the city's value
 * and whether it meets the target, then every district's value. Values are rounded to 2 decimals for presentation;
 * {@code C} marks a withheld small cell, {@code D} a cell withheld so that no small cell follows from the others, {@code X} a value not published for failed quality, {@code -} no value.
 */
public final class IndicatorTablePrinter {

    private final IndicatorCatalogue catalogue;
    private final ReferenceData reference;

    public IndicatorTablePrinter(IndicatorCatalogue catalogue, ReferenceData reference) {
        this.catalogue = catalogue;
        this.reference = reference;
    }

    /** Prints the rows of the latest year among {@code rows}; says so where there are none. */
    public void printLatestYear(PrintStream out, List<PublishedIndicator> rows) {
        int latest = rows.stream().mapToInt(PublishedIndicator::year).max().orElse(-1);
        if (latest < 0) {
            out.println("no indicator values yet: run `bin/indicators compute` first");
            return;
        }
        print(out, latest, rows.stream().filter(row -> row.year() == latest).toList());
    }

    public void print(PrintStream out, int year, List<PublishedIndicator> rows) {
        Map<String, PublishedIndicator> byKey = new HashMap<>();
        rows.stream().filter(row -> row.year() == year).forEach(row -> byKey.put(row.indicatorId() + "|" + row.districtCode(), row));
        List<String> header = new ArrayList<>(List.of("id", "indicator", "unit", "target 2025", "city", "met"));
        reference.districts().forEach(district -> header.add(district.nameEn()));
        List<List<String>> table = new ArrayList<>();
        table.add(header);
        for (String id : catalogue.reportedIds()) {
            Indicator indicator = catalogue.byReportedId(id);
            PublishedIndicator city = byKey.get(id + "|" + District.CITY_CODE);
            List<String> line = new ArrayList<>(List.of(id, shorten(indicator.definition().nameEn(), 36),
                    shorten(indicator.definition().unit(), 16), indicator.target2025() == null ? "" : indicator.target2025(),
                    cell(city), city == null || city.targetMet() == null ? "" : city.targetMet() ? "yes" : "no"));
            reference.districts().forEach(district -> line.add(cell(byKey.get(id + "|" + district.code()))));
            table.add(line);
        }
        out.println("Indicators " + year + " (city " + District.CITY_CODE + " and districts; C withheld small cell, D withheld to protect one, "
                + "X failed quality, W in the quality column: computed from data with warnings)");
        int[] widths = new int[header.size()];
        for (List<String> line : table) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], displayWidth(line.get(i)));
            }
        }
        for (List<String> line : table) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.size(); i++) {
                String cell = line.get(i);
                String padding = " ".repeat(widths[i] - displayWidth(cell));
                text.append(i == 0 ? "" : "  ").append(i >= 4 && i != 5 ? padding + cell : cell + padding);
            }
            out.println(text.toString().stripTrailing());
        }
    }

    private static String cell(PublishedIndicator row) {
        if (row == null) {
            return "-";
        }
        if (!row.disclosureStatus().equals(DisclosureControl.PUBLISHED)) {
            return row.disclosureStatus();
        }
        if (row.value() == null) {
            return "-";
        }
        // as published, with at least 2 decimals so that the column lines up
        java.math.BigDecimal shown = row.value().stripTrailingZeros();
        String value = (shown.scale() < 2 ? shown.setScale(2) : shown).toPlainString();
        return "W".equals(row.qualityStatus()) ? value + " W" : value;
    }

    private static String shorten(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }

    /** Columns a terminal gives the text: CJK characters take two. */
    public static int displayWidth(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
            int codePoint = text.codePointAt(i);
            width += codePoint >= 0x1100 && (codePoint <= 0x115F || codePoint >= 0x2E80 && codePoint <= 0xA4CF
                    || codePoint >= 0xAC00 && codePoint <= 0xD7A3 || codePoint >= 0xF900 && codePoint <= 0xFAFF
                    || codePoint >= 0xFF00 && codePoint <= 0xFF60) ? 2 : 1;
        }
        return width;
    }
}
