package cn.hangzhou.indicators.sample;

import cn.hangzhou.indicators.config.ColumnSpec;
import cn.hangzhou.indicators.config.ColumnType;
import cn.hangzhou.indicators.config.ExtractSchema;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Streams one delivered file exactly as its schema says, counting physical lines for the defect manifest. */
final class ExtractWriter implements Closeable {

    private final ExtractSchema schema;
    private final String relativePath;
    private final Path file;
    private final Writer out;
    private final String lineEnding;
    private final char delimiter;
    private final boolean quoteWhereNeeded;
    private final boolean[] jsonLiteral;
    private final RowDefects defects;
    private final RowDefects.FileContext context;
    private final DefectLog log;
    private long nextLine;
    private long records;
    private String firstKey;
    private final int keyColumn;

    ExtractWriter(Path root, String relativePath, ExtractSchema schema, Charset charset, RowDefects defects,
                  RowDefects.FileContext context, DefectLog log) {
        this.schema = schema;
        this.relativePath = relativePath;
        this.file = root.resolve(relativePath);
        this.defects = defects;
        this.context = context;
        this.log = log;
        this.lineEnding = schema.lineEnding().characters();
        this.delimiter = schema.delimiter() == null ? ',' : schema.delimiter().charAt(0);
        this.quoteWhereNeeded = schema.quoting() == ExtractSchema.Quoting.MINIMAL;
        List<ColumnSpec> columns = schema.columns();
        this.jsonLiteral = new boolean[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            jsonLiteral[c] = columns.get(c).type() == ColumnType.BOOLEAN && "true/false".equals(columns.get(c).format());
        }
        this.keyColumn = schema.keyColumns().isEmpty() ? 0 : schema.columnNames().indexOf(schema.keyColumns().get(0));
        try {
            Files.createDirectories(file.getParent());
            OutputStream stream = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            if (relativePath.endsWith(".gz")) {
                stream = new GZIPOutputStream(stream, 1 << 16);
            }
            out = new OutputStreamWriter(stream, charset);
            if (schema.byteOrderMark()) {
                out.write('\uFEFF');
            }
            nextLine = 1;
            if (schema.format() == ExtractSchema.Format.DELIMITED) {
                out.write(String.join(String.valueOf(delimiter), schema.headers()));
                out.write(lineEnding);
                nextLine = 2;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    String relativePath() {
        return relativePath;
    }

    Path file() {
        return file;
    }

    long records() {
        return records;
    }

    /** The key of the first record written (used to repeat a record id in the next delivery). */
    String firstKey() {
        return firstKey;
    }

    /** Lets a later delivery repeat a record id of an earlier one (a known defect) once that id is known. */
    void offerPreviousDeliveryKey(String key) {
        if (context != null && context.previousDeliveryKey == null && key != null) {
            context.previousDeliveryKey = key;
        }
    }

    int column(String name) {
        int index = schema.columnNames().indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException(schema.id() + " has no column " + name);
        }
        return index;
    }

    String[] newRecord() {
        return new String[schema.columns().size()];
    }

    void write(String[] values) {
        if (firstKey == null) {
            firstKey = values[keyColumn];
        }
        RowDefects.Outcome outcome = defects == null ? null : defects.apply(context, records, values);
        String[] written = outcome == null ? values : outcome.values();
        String text = format(written, outcome == null ? -1 : outcome.rawColumn());
        long line = nextLine;
        emit(text);
        records++;
        if (outcome != null) {
            long copyLine = nextLine;
            if (outcome.writeTwice()) {
                emit(text);
                records++;
            }
            // the repeated row is reported at its second copy, every other defect where the record first appears
            for (RowDefects.Applied applied : outcome.applied()) {
                log.record(relativePath, applied.kind() == DefectKind.DUPLICATE_ROW ? copyLine : line, applied.kind(), applied.column());
            }
        }
    }

    private void emit(String text) {
        try {
            out.write(text);
            out.write(lineEnding);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        nextLine++;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                nextLine++;
            }
        }
    }

    private String format(String[] values, int rawColumn) {
        StringBuilder text = new StringBuilder(128);
        if (schema.format() == ExtractSchema.Format.JSON_LINES) {
            text.append('{');
            for (int c = 0; c < values.length; c++) {
                if (c > 0) {
                    text.append(',');
                }
                text.append(JsonText.quote(schema.columns().get(c).header())).append(':');
                text.append(jsonLiteral[c] ? values[c] : JsonText.quote(values[c] == null ? "" : values[c]));
            }
            return text.append('}').toString();
        }
        for (int c = 0; c < values.length; c++) {
            if (c > 0) {
                text.append(delimiter);
            }
            String value = values[c] == null ? "" : values[c];
            if (quoteWhereNeeded && c != rawColumn && needsQuotes(value)) {
                text.append('"').append(value.replace("\"", "\"\"")).append('"');
            } else {
                text.append(value);
            }
        }
        return text.toString();
    }

    private boolean needsQuotes(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == delimiter || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }
}
