package cn.hangzhou.indicators.sample;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/** Streams {@code _generator/defects.jsonl}: one JSON object per injected defect, and counts them by kind. */
final class DefectLog implements Closeable {

    private final BufferedWriter out;
    private final Map<DefectKind, Long> counts = new EnumMap<>(DefectKind.class);

    DefectLog(Path file) {
        try {
            Files.createDirectories(file.getParent());
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records a defect; row is the 1-based physical line where the record starts, or null for the whole file. */
    void record(String file, Long row, DefectKind kind, String column) {
        counts.merge(kind, 1L, Long::sum);
        try {
            out.write("{\"file\":" + JsonText.quote(file) + ",\"row\":" + (row == null ? "null" : row.toString())
                    + ",\"kind\":" + JsonText.quote(kind.manifestName()) + ",\"column\":"
                    + (column == null ? "null" : JsonText.quote(column)) + "}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<DefectKind, Long> counts() {
        return counts;
    }

    long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
