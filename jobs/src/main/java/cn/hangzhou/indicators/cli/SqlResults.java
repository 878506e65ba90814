package cn.hangzhou.indicators.cli;

import cn.hangzhou.indicators.indicators.IndicatorTablePrinter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Prints a SQL result as an aligned table (at most a given number of rows), as CSV or as JSON lines (every row). */
final class SqlResults {

    enum Format { TABLE, CSV, JSON }

    private static final ObjectMapper JSON = new ObjectMapper();

    private SqlResults() {
    }

    static void print(PrintWriter out, Dataset<Row> result, Format format, int maximumRows) {
        String[] columns = result.columns();
        switch (format) {
            case CSV -> {
                out.println(csvLine(List.of(columns)));
                for (Iterator<Row> rows = result.toLocalIterator(); rows.hasNext(); ) {
                    out.println(csvLine(texts(rows.next())));
                }
            }
            case JSON -> {
                for (Iterator<Row> rows = result.toLocalIterator(); rows.hasNext(); ) {
                    Row row = rows.next();
                    Map<String, Object> object = new LinkedHashMap<>();
                    for (int i = 0; i < columns.length; i++) {
                        object.put(columns[i], jsonValue(row.get(i)));
                    }
                    try {
                        out.println(JSON.writeValueAsString(object));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            case TABLE -> table(out, columns, result.limit(maximumRows + 1).collectAsList(), maximumRows);
        }
        out.flush();
    }

    private static void table(PrintWriter out, String[] columns, List<Row> rows, int maximumRows) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(List.of(columns));
        rows.stream().limit(maximumRows).forEach(row -> lines.add(texts(row)));
        int[] widths = new int[columns.length];
        for (List<String> line : lines) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], IndicatorTablePrinter.displayWidth(line.get(i)));
            }
        }
        for (int index = 0; index < lines.size(); index++) {
            List<String> line = lines.get(index);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.size(); i++) {
                text.append(i == 0 ? "" : " | ").append(line.get(i)).append(" ".repeat(widths[i] - IndicatorTablePrinter.displayWidth(line.get(i))));
            }
            out.println(text.toString().stripTrailing());
            if (index == 0) {
                StringBuilder rule = new StringBuilder();
                for (int i = 0; i < widths.length; i++) {
                    rule.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
                }
                out.println(rule);
            }
        }
        int shown = Math.min(rows.size(), maximumRows);
        out.println("(" + shown + (rows.size() > maximumRows ? " rows shown, more not: use --csv or --json for all, or LIMIT)" : shown == 1 ? " row)" : " rows)"));
    }

    private static List<String> texts(Row row) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < row.length(); i++) {
            Object value = row.get(i);
            texts.add(value == null ? "" : value instanceof BigDecimal decimal ? decimal.toPlainString() : String.valueOf(value));
        }
        return texts;
    }

    private static Object jsonValue(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof String) {
            return value;
        }
        return String.valueOf(value);
    }

    private static String csvLine(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            String field = fields.get(i);
            boolean quote = field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r");
            line.append(i == 0 ? "" : ",").append(quote ? "\"" + field.replace("\"", "\"\"") + "\"" : field);
        }
        return line.toString();
    }
}
