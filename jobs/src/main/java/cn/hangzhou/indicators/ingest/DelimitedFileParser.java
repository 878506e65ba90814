package cn.hangzhou.indicators.ingest;

import cn.hangzhou.indicators.config.ExtractSchema;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Produces the records of a delimited file (header row, then one record per line; a quoted field may
 * span lines), streamed one record at a time, columns mapped by header text whatever their order.
 */
public final class DelimitedFileParser implements FileParser {

    /** How many physical lines one record with quoted line breaks may span before its opening quote is taken as unbalanced. */
    static final int MAXIMUM_LINES_PER_RECORD = 100;

    private final DeliveryFormat format;
    private final FieldSplitter splitter;

    public DelimitedFileParser(DeliveryFormat format) {
        this.format = format;
        this.splitter = new FieldSplitter(format.delimiter(), format.quoting() == ExtractSchema.Quoting.MINIMAL);
    }

    /** Where each field of the file's header goes: a schema column (its index) or an extra column. */
    private record HeaderMapping(int[] schemaIndex, String[] extraNames, List<String> extraColumns) {
        int fieldCount() {
            return schemaIndex.length;
        }
    }

    @Override
    public RecordStream open(InputStream content) throws FileRejectedException {
        DecodedLines lines = FileDecoder.lines(content, format.charset());
        PhysicalLine header = null;
        while (lines.hasNext() && header == null) {
            PhysicalLine line = lines.next();
            if (!line.text().isEmpty() || !line.decodable()) {
                header = line;
            }
        }
        if (header == null) {
            throw new FileRejectedException("empty file (no header, only blank lines or a byte order mark)");
        }
        return new Records(lines, mapHeader(header, lines.lastLineBytes()));
    }

    /** The records after the header, read as they are asked for. */
    private final class Records implements RecordStream {

        private final DecodedLines lines;
        private final HeaderMapping mapping;
        private final EncodingCheck encoding = new EncodingCheck(format.charset());
        private long count;

        Records(DecodedLines lines, HeaderMapping mapping) {
            this.lines = lines;
            this.mapping = mapping;
        }

        @Override
        public ParsedFile.Entry next() throws FileRejectedException {
            while (lines.hasNext()) {
                PhysicalLine first = lines.next();
                if (first.text().isEmpty() && first.decodable()) {
                    continue;
                }
                byte[] firstBytes = first.decodable() ? null : lines.lastLineBytes();
                count++;
                return readRecord(first, lines, mapping, encoding, firstBytes);
            }
            return null;
        }

        @Override
        public List<String> finish() throws FileRejectedException {
            encoding.requireMostlyDecodable(count);
            return mapping.extraColumns();
        }
    }

    private ParsedFile.Entry readRecord(PhysicalLine first, DecodedLines lines, HeaderMapping mapping, EncodingCheck encoding,
                                        byte[] firstBytes) throws FileRejectedException {
        FieldSplitter.Split split = splitter.split(first.text());
        String rawText = first.text();
        boolean decodable = first.decodable();
        if (split.openQuote()) {
            lines.mark();
            StringBuilder joined = new StringBuilder(first.text());
            String terminator = first.terminator();
            boolean continuationDecodable = true;
            FieldSplitter.Split continued = null;
            for (int extraLines = 1; extraLines < MAXIMUM_LINES_PER_RECORD && lines.hasNext() && !terminator.isEmpty(); extraLines++) {
                PhysicalLine next = lines.next();
                joined.append(terminator).append(next.text());
                terminator = next.terminator();
                continuationDecodable &= next.decodable();
                FieldSplitter.Split attempt = splitter.split(joined.toString());
                if (!attempt.openQuote()) {
                    continued = attempt;
                    break;
                }
            }
            if (continued != null && continued.problem() == null && continued.fields().size() == mapping.fieldCount()) {
                lines.unmark();
                split = continued;
                rawText = joined.toString();
                decodable &= continuationDecodable;
            } else {
                lines.reset();
                List<String> reasons = new ArrayList<>();
                reasons.add("unbalanced_quotes");
                if (!decodable) {
                    reasons.add("undecodable_bytes");
                    encoding.undecodable(firstBytes);
                }
                return new ParsedFile.QuarantinedRecord(first.number(), rawText, reasons);
            }
        }
        List<String> reasons = new ArrayList<>(2);
        if (split.problem() != null) {
            reasons.add("unbalanced_quotes:" + split.problem());
        }
        if (split.fields().size() != mapping.fieldCount()) {
            reasons.add("field_count:expected " + mapping.fieldCount() + " got " + split.fields().size());
        }
        if (!decodable) {
            reasons.add("undecodable_bytes");
            encoding.undecodable(firstBytes != null ? firstBytes : rawText.getBytes(format.charset()));
        }
        if (!reasons.isEmpty()) {
            return new ParsedFile.QuarantinedRecord(first.number(), rawText, reasons);
        }
        String[] values = new String[format.headers().size()];
        Map<String, String> extraValues = mapping.extraColumns().isEmpty() ? null : new LinkedHashMap<>();
        for (int field = 0; field < mapping.fieldCount(); field++) {
            int target = mapping.schemaIndex()[field];
            if (target >= 0) {
                values[target] = split.fields().get(field);
            } else {
                extraValues.put(mapping.extraNames()[field], split.fields().get(field));
            }
        }
        return new ParsedFile.Record(first.number(), values, extraValues);
    }

    private HeaderMapping mapHeader(PhysicalLine header, byte[] headerBytes) throws FileRejectedException {
        if (!header.decodable()) {
            throw new FileRejectedException("the header is not valid " + format.encoding()
                    + headerHint(headerBytes));
        }
        FieldSplitter.Split split = splitter.split(header.text());
        if (split.openQuote() || split.problem() != null) {
            throw new FileRejectedException("unrecognisable header: unbalanced quotes in line 1");
        }
        List<String> fields = split.fields().stream().map(field -> field.replace("\uFEFF", "").trim()).toList();
        List<String> expected = format.headers();
        int[] schemaIndex = new int[fields.size()];
        String[] extraNames = new String[fields.size()];
        List<String> extraColumns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int matched = 0;
        for (int field = 0; field < fields.size(); field++) {
            String name = fields.get(field).isEmpty() ? "column_" + (field + 1) : fields.get(field);
            if (!seen.add(name)) {
                throw new FileRejectedException("unrecognisable header: column '" + name + "' appears twice");
            }
            schemaIndex[field] = expected.indexOf(name);
            if (schemaIndex[field] >= 0) {
                matched++;
            } else {
                extraNames[field] = name;
                extraColumns.add(name);
            }
        }
        if (matched == 0) {
            throw new FileRejectedException("missing or unrecognisable header: line 1 names none of the expected columns ("
                    + String.join(format.delimiter() + "", expected) + ")"
                    + (fields.size() == expected.size() ? ", it looks like a data row" : "")
                    + headerHint(headerBytes));
        }
        List<String> missing = new ArrayList<>();
        for (int column = 0; column < expected.size(); column++) {
            if (!seen.contains(expected.get(column))) {
                missing.add(expected.get(column) + " (" + format.names().get(column) + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new FileRejectedException("unrecognisable header: missing column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + headerHint(headerBytes));
        }
        return new HeaderMapping(schemaIndex, extraNames, extraColumns);
    }

    /** Says which encoding the file is in when its header, decoded in the other usual one, is the expected header. */
    private String headerHint(byte[] headerBytes) {
        if (FileDecoder.looksGzipped(headerBytes)) {
            return EncodingCheck.hint(headerBytes, format.charset());
        }
        Charset alternative = FileDecoder.alternative(format.charset());
        return FileDecoder.decodeStrictly(headerBytes, alternative)
                .map(text -> splitter.split(text).fields().stream().map(String::trim).anyMatch(format.headers()::contains))
                .filter(Boolean::booleanValue)
                .map(matches -> " (decoded as " + alternative.name() + " it is the expected header: the file looks like "
                        + alternative.name() + ")")
                .orElse("");
    }
}
