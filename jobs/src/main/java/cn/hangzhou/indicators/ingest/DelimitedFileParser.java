package cn.hangzhou.indicators.ingest;

import cn.hangzhou.indicators.config.ExtractSchema;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Produces the records of a delimited file (header row, then one record per line; a quoted field may
 * span lines), streamed one record at a time, columns mapped by header text whatever their order. A file
 * without its header (line 1 names none of the expected columns but has their number of fields) is read in
 * the contract's column order, line 1 being a data row, with a warning.
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

    /**
     * Where each field of the file's header goes: a schema column (its index) or an extra column.
     *
     * @param warning why the file is read although its header is missing, or null
     */
    private record HeaderMapping(int[] schemaIndex, String[] extraNames, List<String> extraColumns, String warning) {
        int fieldCount() {
            return schemaIndex.length;
        }
    }

    @Override
    public RecordStream open(InputStream content) throws FileRejectedException {
        DecodedLines lines = FileDecoder.lines(content, format.charset());
        PhysicalLine header = null;
        lines.mark();
        while (lines.hasNext() && header == null) {
            PhysicalLine line = lines.next();
            if (!line.text().isEmpty() || !line.decodable()) {
                header = line;
            }
        }
        if (header == null) {
            throw new FileRejectedException("empty file (no header, only blank lines or a byte order mark)");
        }
        HeaderMapping mapping = mapHeader(header, lines.lastLineBytes());
        if (mapping.warning() == null) {
            lines.unmark();
        } else {
            // no header: its line is the first data row, read again as a record
            lines.reset();
        }
        return new Records(lines, mapping);
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

        @Override
        public List<String> warnings() {
            return mapping.warning() == null ? List.of() : List.of(mapping.warning());
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
            requireExpectedEncoding(headerBytes);
            throw new FileRejectedException("the header is not valid " + format.encoding()
                    + EncodingCheck.hint(headerBytes, format.charset()));
        }
        FieldSplitter.Split split = splitter.split(header.text());
        if (split.openQuote() || split.problem() != null) {
            throw new FileRejectedException("unrecognisable header: unbalanced quotes in line " + header.number());
        }
        List<String> fields = headerFields(split);
        List<String> expected = format.headers();
        if (fields.stream().noneMatch(expected::contains)) {
            requireExpectedEncoding(headerBytes);
            if (fields.size() == expected.size()) {
                return new HeaderMapping(IntStream.range(0, expected.size()).toArray(), new String[expected.size()], List.of(),
                        "missing header: line " + header.number() + " names none of the expected columns but has their number of"
                                + " fields (" + expected.size() + "), so it is read as a data row in the contract's column order");
            }
            throw new FileRejectedException("missing or unrecognisable header: line " + header.number()
                    + " names none of the expected columns (" + String.join(format.delimiter() + "", expected) + ") and has "
                    + fields.size() + " fields, not " + expected.size() + EncodingCheck.hint(headerBytes, format.charset()));
        }
        int[] schemaIndex = new int[fields.size()];
        String[] extraNames = new String[fields.size()];
        List<String> extraColumns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int field = 0; field < fields.size(); field++) {
            String name = fields.get(field).isEmpty() ? "column_" + (field + 1) : fields.get(field);
            if (!seen.add(name)) {
                throw new FileRejectedException("unrecognisable header: column '" + name + "' appears twice");
            }
            schemaIndex[field] = expected.indexOf(name);
            if (schemaIndex[field] < 0) {
                extraNames[field] = name;
                extraColumns.add(name);
            }
        }
        List<String> missing = new ArrayList<>();
        for (int column = 0; column < expected.size(); column++) {
            if (!seen.contains(expected.get(column))) {
                missing.add(expected.get(column) + " (" + format.names().get(column) + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new FileRejectedException("unrecognisable header: missing column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing));
        }
        return new HeaderMapping(schemaIndex, extraNames, extraColumns, null);
    }

    private static List<String> headerFields(FieldSplitter.Split split) {
        return split.fields().stream().map(field -> field.replace("\uFEFF", "").trim()).toList();
    }

    /**
     * Names the other usual encoding when the first line, which names no expected column in the schema's encoding,
     * is in it: decoded in it, the line names an expected column, or its bytes belong to it
     * ({@link EncodingCheck#belongsToAlternative}) and it has the expected number of fields (a header-less file).
     */
    private void requireExpectedEncoding(byte[] headerBytes) throws WrongEncodingException {
        Charset alternative = FileDecoder.alternative(format.charset());
        Optional<String> decoded = FileDecoder.decodeStrictly(headerBytes, alternative);
        if (decoded.isEmpty()) {
            return;
        }
        FieldSplitter.Split split = splitter.split(decoded.get());
        List<String> fields = headerFields(split);
        if (fields.stream().anyMatch(format.headers()::contains)) {
            throw new WrongEncodingException(format.charset(), alternative, "its header line is the expected header only in "
                    + alternative.name());
        }
        if (fields.size() == format.headers().size() && EncodingCheck.belongsToAlternative(headerBytes, format.charset())) {
            throw new WrongEncodingException(format.charset(), alternative, "its first line, a data row without header, is "
                    + alternative.name());
        }
    }
}
