package cn.hangzhou.indicators.indicators;

import cn.hangzhou.indicators.config.District;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes indicator rows for people: CSV (UTF-8 with BOM and CRLF, so that Excel reads the Chinese correctly) or
 * xlsx ({@link IndicatorWorkbook}), with exactly {@link #COLUMNS}. Numbers are written as held (published values rounded as presented, the
 * unsuppressed ones of {@code --all} to 6 decimals), without trailing zeros; withheld values, numerators and
 * denominators are empty.
 */
public final class IndicatorExport {

    public enum Format { CSV, XLSX }

    public static final List<String> COLUMNS = List.of("indicator_id", "district_code", "year", "value", "numerator",
            "denominator", "unit", "quality_status", "disclosure_status", "target_2025", "target_met");

    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private IndicatorExport() {
    }

    /** Rows by year, then catalogue order, then the city before the districts in reference order. */
    public static List<PublishedIndicator> ordered(List<PublishedIndicator> rows, IndicatorCatalogue catalogue,
                                                   List<String> districtCodes) {
        List<String> ids = catalogue.reportedIds();
        List<String> districts = new ArrayList<>();
        districts.add(District.CITY_CODE);
        districts.addAll(districtCodes);
        return rows.stream().sorted(Comparator.<PublishedIndicator>comparingInt(PublishedIndicator::year)
                .thenComparingInt(row -> position(ids, row.indicatorId()))
                .thenComparingInt(row -> position(districts, row.districtCode()))
                .thenComparing(PublishedIndicator::districtCode)).toList();
    }

    private static int position(List<String> order, String item) {
        int index = order.indexOf(item);
        return index < 0 ? Integer.MAX_VALUE : index;
    }

    /** Writes {@code rows}; {@code selection} says in the workbook's notes which values they are. */
    public static void write(Path file, Format format, List<PublishedIndicator> rows, String selection) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                if (format == Format.CSV) {
                    writeCsv(out, rows);
                } else {
                    IndicatorWorkbook.write(out, rows, selection);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static void writeCsv(OutputStream out, List<PublishedIndicator> rows) throws IOException {
        StringBuilder text = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (PublishedIndicator row : rows) {
            List<String> fields = textCells(row);
            for (int i = 0; i < fields.size(); i++) {
                text.append(i == 0 ? "" : ",").append(csvField(fields.get(i)));
            }
            text.append("\r\n");
        }
        out.write(BYTE_ORDER_MARK);
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> textCells(PublishedIndicator row) {
        return List.of(row.indicatorId(), row.districtCode(), String.valueOf(row.year()), number(row.value()),
                number(row.numerator()), number(row.denominator()), nullToEmpty(row.unit()), nullToEmpty(row.qualityStatus()),
                nullToEmpty(row.disclosureStatus()), nullToEmpty(row.target2025()),
                row.targetMet() == null ? "" : row.targetMet().toString());
    }

    /** At most 6 decimals, no exponent, no trailing zeros; empty for no value. */
    public static String number(Double value) {
        return number(PublishedIndicator.decimal(value, IndicatorDefinition.PUBLISHED_SCALE));
    }

    /** No exponent, no trailing zeros; empty for no value. */
    public static String number(BigDecimal value) {
        if (value == null) {
            return "";
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.signum() == 0 ? "0" : stripped.toPlainString();
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private static String csvField(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
            return "\"" + field.replace("\"", "\"\"") + "\"";
        }
        return field;
    }
}
