package cn.hangzhou.indicators.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Produces the records of a JSON Lines file (one JSON object per line, keys = the schema's headers), streamed
 * one record at a time. String values are kept as their text, other values as their JSON text,
 * absent keys as null.
 */
public final class JsonLinesFileParser implements FileParser {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final DeliveryFormat format;

    public JsonLinesFileParser(DeliveryFormat format) {
        this.format = format;
    }

    @Override
    public RecordStream open(InputStream content) {
        return new Records(FileDecoder.lines(content, format.charset()));
    }

    /** The records of the file, read as they are asked for; the extra keys are known once all are read. */
    private final class Records implements RecordStream {

        private final DecodedLines lines;
        private final EncodingCheck encoding = new EncodingCheck(format.charset());
        private final Set<String> extraColumns = new LinkedHashSet<>();
        private long count;

        Records(DecodedLines lines) {
            this.lines = lines;
        }

        @Override
        public ParsedFile.Entry next() throws FileRejectedException {
            while (lines.hasNext()) {
                PhysicalLine line = lines.next();
                if (line.text().isBlank() && line.decodable()) {
                    continue;
                }
                count++;
                return read(line);
            }
            return null;
        }

        @Override
        public List<String> finish() throws FileRejectedException {
            encoding.requireExpectedEncoding(count);
            encoding.requireMostlyDecodable(count);
            return List.copyOf(extraColumns);
        }

        private ParsedFile.Entry read(PhysicalLine line) {
            List<String> reasons = new ArrayList<>(2);
            JsonNode node = null;
            try {
                node = JSON.readTree(line.text());
                if (node == null || !node.isObject()) {
                    reasons.add("malformed_json:not an object but " + (node == null ? "nothing" : node.getNodeType().name().toLowerCase()));
                }
            } catch (JsonProcessingException e) {
                reasons.add("malformed_json:" + problem(e.getOriginalMessage()));
            }
            encoding.record(line, lines);
            if (!line.decodable()) {
                reasons.add("undecodable_bytes");
            }
            if (!reasons.isEmpty()) {
                return new ParsedFile.QuarantinedRecord(line.number(), line.text(), reasons);
            }
            String[] values = new String[format.headers().size()];
            Map<String, String> extraValues = null;
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                int target = format.headers().indexOf(field.getKey());
                String text = text(field.getValue());
                if (target >= 0) {
                    values[target] = text;
                } else {
                    if (extraValues == null) {
                        extraValues = new LinkedHashMap<>();
                    }
                    extraValues.put(field.getKey(), text);
                    extraColumns.add(field.getKey());
                }
            }
            return new ParsedFile.Record(line.number(), values, extraValues);
        }
    }

    /** Jackson's message up to the first quote, colon or parenthesis: the problem, without the record's text. */
    private static String problem(String message) {
        return message.replaceAll("\\s+", " ").split("['(:]", 2)[0].trim().toLowerCase(Locale.ROOT);
    }

    private static String text(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        return value.isTextual() ? value.textValue() : value.toString();
    }
}
