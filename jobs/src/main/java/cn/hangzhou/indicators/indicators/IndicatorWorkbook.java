package cn.hangzhou.indicators.indicators;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * The export as an Excel workbook (fastexcel): a sheet {@code indicators} with one row per value in
 * {@link IndicatorExport#COLUMNS} (bold header row frozen with an auto-filter, widths fitted to the content, years and
 * counts as numbers with their decimals, target_met as a boolean) and a sheet {@code notes} that explains the columns
 * and the status codes.
 */
public final class IndicatorWorkbook {

    public static final String VALUES_SHEET = "indicators";
    public static final String NOTES_SHEET = "notes";

    /** Text columns' widths in characters: at least the header's, at most this. */
    private static final int MAXIMUM_WIDTH = 40;

    private static final List<List<String>> NOTES = List.of(
            List.of("column or code", "meaning"),
            List.of("indicator_id", "the indicator's id in the plan (docs/indicators.md)"),
            List.of("district_code", "330100 is the city, the others the districts of the reference"),
            List.of("year", "the statistical year"),
            List.of("value", "the indicator's value in its unit; empty where withheld"),
            List.of("numerator, denominator", "the counts behind a rate; empty where withheld or not a rate"),
            List.of("quality_status A", "every delivery behind the value passed the quality gate"),
            List.of("quality_status W", "a delivery behind the value passed with warnings"),
            List.of("quality_status X", "a delivery behind the value failed an error check: not published"),
            List.of("disclosure_status published", "the value is published"),
            List.of("disclosure_status C", "withheld: a small count (1-4), or fewer than 20 deaths behind a life table"),
            List.of("disclosure_status D", "withheld so that a small cell cannot be derived from the others"),
            List.of("disclosure_status X", "withheld: failed quality"),
            List.of("target_2025", "the plan's 2025 target as printed"),
            List.of("target_met", "TRUE or FALSE against the target; empty where there is no target or no value"));

    private IndicatorWorkbook() {
    }

    /** Writes the workbook of {@code rows} (in the order given) to {@code out}. */
    public static void write(OutputStream out, List<PublishedIndicator> rows, String selection) throws IOException {
        Workbook workbook = new Workbook(out, "indicators", "1.0");
        Worksheet values = workbook.newWorksheet(VALUES_SHEET);
        List<String> columns = IndicatorExport.COLUMNS;
        int[] widths = new int[columns.size()];
        for (int column = 0; column < columns.size(); column++) {
            values.value(0, column, columns.get(column));
            widths[column] = displayWidth(columns.get(column));
        }
        values.range(0, 0, 0, columns.size() - 1).style().bold().fillColor("D9E1F2").set();
        for (int index = 0; index < rows.size(); index++) {
            int row = index + 1;
            PublishedIndicator indicator = rows.get(index);
            text(values, widths, row, 0, indicator.indicatorId());
            text(values, widths, row, 1, indicator.districtCode());
            values.value(row, 2, indicator.year());
            values.style(row, 2).format("0").set();
            number(values, widths, row, 3, indicator.value());
            number(values, widths, row, 4, indicator.numerator());
            number(values, widths, row, 5, indicator.denominator());
            text(values, widths, row, 6, indicator.unit());
            text(values, widths, row, 7, indicator.qualityStatus());
            text(values, widths, row, 8, indicator.disclosureStatus());
            text(values, widths, row, 9, indicator.target2025());
            if (indicator.targetMet() != null) {
                values.value(row, 10, indicator.targetMet());
            }
        }
        for (int column = 0; column < columns.size(); column++) {
            values.width(column, Math.min(MAXIMUM_WIDTH, widths[column]) + 2);
        }
        values.freezePane(0, 1);
        values.setAutoFilter(0, 0, columns.size() - 1);

        Worksheet notes = workbook.newWorksheet(NOTES_SHEET);
        for (int row = 0; row < NOTES.size(); row++) {
            notes.value(row, 0, NOTES.get(row).get(0));
            notes.value(row, 1, NOTES.get(row).get(1));
        }
        notes.value(NOTES.size() + 1, 0, "selection");
        notes.value(NOTES.size() + 1, 1, selection);
        notes.range(0, 0, 0, 1).style().bold().set();
        notes.width(0, 30);
        notes.width(1, 80);
        workbook.finish();
    }

    /**
     * The number format that shows a value as held: thousands separated, with as many decimals as it has once
     * trailing zeros are dropped (at most the table's six).
     */
    static String numberFormat(BigDecimal value) {
        int decimals = Math.max(0, value.stripTrailingZeros().scale());
        return decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals);
    }

    private static void number(Worksheet sheet, int[] widths, int row, int column, BigDecimal value) {
        if (value == null) {
            return;
        }
        sheet.value(row, column, value);
        sheet.style(row, column).format(numberFormat(value)).set();
        String shown = IndicatorExport.number(value);
        widths[column] = Math.max(widths[column], shown.length() + shown.length() / 3);
    }

    private static void text(Worksheet sheet, int[] widths, int row, int column, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        sheet.value(row, column, value);
        widths[column] = Math.max(widths[column], displayWidth(value));
    }

    /** Characters as Excel's column width counts them: Chinese and other wide characters take two. */
    static int displayWidth(String text) {
        return text.codePoints().map(point -> Character.UnicodeScript.of(point) == Character.UnicodeScript.HAN
                || (point >= 0xFF00 && point <= 0xFFEF) || (point >= 0x3000 && point <= 0x303F) ? 2 : 1).sum();
    }
}
