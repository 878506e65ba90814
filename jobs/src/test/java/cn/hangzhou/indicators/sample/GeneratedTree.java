package cn.hangzhou.indicators.sample;

import cn.hangzhou.indicators.config.ExtractSchema;
import cn.hangzhou.indicators.config.SchemaCatalog;
import cn.hangzhou.indicators.testing.ProjectFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** A generated landing tree as the tests read it: files by extract, the defect manifest, records parsed per the contract. */
final class GeneratedTree {

    /** One manifest line. */
    record Defect(String file, Long row, String kind, String column) {
    }

    /** One parsed record: the physical line it starts on and its fields. */
    record Row(long line, List<String> fields) {
    }

    static final SchemaCatalog SCHEMAS = ProjectFiles.schemas();
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path root;
    final List<Defect> defects = new ArrayList<>();
    final Map<String, Map<Long, Set<String>>> defectRows = new HashMap<>();
    final Map<String, String> fileDefects = new HashMap<>();

    GeneratedTree(Path root) {
        this.root = root;
        try {
            for (String line : Files.readAllLines(root.resolve("_generator/defects.jsonl"), StandardCharsets.UTF_8)) {
                JsonNode node = JSON.readTree(line);
                Defect defect = new Defect(node.get("file").asText(), node.get("row").isNull() ? null : node.get("row").asLong(),
                        node.get("kind").asText(), node.get("column").isNull() ? null : node.get("column").asText());
                defects.add(defect);
                if (defect.row() == null) {
                    fileDefects.put(defect.file(), defect.kind());
                } else {
                    defectRows.computeIfAbsent(defect.file(), f -> new HashMap<>())
                            .computeIfAbsent(defect.row(), r -> new HashSet<>()).add(defect.kind());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SampleGenerator.Summary generate(Path out, double scale, int firstYear, int lastYear, long seed, double defects) {
        return SampleGenerator.generate(new SampleGenerator.Settings(out, scale, firstYear, lastYear, seed, defects),
                SCHEMAS, ProjectFiles.reference());
    }

    /** Landing files of an extract (not {@code _redelivery/}), path relative to the root, sorted. */
    List<String> files(String extractId) {
        Path folder = root.resolve(extractId);
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(path -> root.relativize(path).toString().replace('\\', '/')).sorted(Comparator.naturalOrder()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All files below the root (relative, sorted), including {@code _redelivery/} and {@code _generator/}. */
    List<String> allFiles() {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(path -> root.relativize(path).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's bytes, gunzipped where the name ends in {@code .gz}. */
    byte[] bytes(String relative) {
        try (InputStream in = Files.newInputStream(root.resolve(relative))) {
            InputStream stream = relative.endsWith(".gz") ? new GZIPInputStream(in) : in;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            stream.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes strictly: malformed input is an error, not a replacement character. */
    static String decode(byte[] bytes, Charset charset) throws CharacterCodingException {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }

    String text(String relative, ExtractSchema schema) {
        try {
            String text = decode(bytes(relative), schema.charset());
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new AssertionError(relative + " is not " + schema.encoding(), e);
        }
    }

    /** Physical lines of a text, line ending removed (CR LF or LF). */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        lines.replaceAll(line -> line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        return lines;
    }

    /**
     * Data records of a delimited or JSON Lines file, skipping the rows the manifest names (but keeping their
     * continuation lines out of the next record).
     */
    List<Row> cleanRows(String relative, ExtractSchema schema) {
        List<String> lines = lines(text(relative, schema));
        Map<Long, Set<String>> flagged = defectRows.getOrDefault(relative, Map.of());
        List<Row> rows = new ArrayList<>();
        boolean delimited = schema.format() == ExtractSchema.Format.DELIMITED;
        for (int index = delimited ? 1 : 0; index < lines.size(); index++) {
            long line = index + 1;
            String record = lines.get(index);
            boolean unbalanced = flagged.getOrDefault(line, Set.of()).contains("unbalanced_quote");
            while (delimited && !unbalanced && quoteCount(record) % 2 == 1 && index + 1 < lines.size()) {
                record = record + "\n" + lines.get(++index);
            }
            if (flagged.containsKey(line)) {
                continue;
            }
            rows.add(new Row(line, delimited ? split(record, schema.delimiter().charAt(0), schema.quoting()) : jsonFields(record, schema)));
        }
        return rows;
    }

    private static int quoteCount(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '"') {
                count++;
            }
        }
        return count;
    }

    static List<String> split(String record, char delimiter, ExtractSchema.Quoting quoting) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < record.length(); i++) {
            char c = record.charAt(i);
            if (quoting == ExtractSchema.Quoting.MINIMAL && c == '"') {
                if (quoted && i + 1 < record.length() && record.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == delimiter && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static List<String> jsonFields(String record, ExtractSchema schema) {
        try {
            JsonNode node = JSON.readTree(record);
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            if (!keys.equals(schema.headers())) {
                throw new AssertionError("JSON keys " + keys + " are not " + schema.headers());
            }
            List<String> fields = new ArrayList<>();
            for (String key : keys) {
                JsonNode value = node.get(key);
                fields.add(value.isBoolean() ? String.valueOf(value.asBoolean()) : value.asText());
            }
            return fields;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
