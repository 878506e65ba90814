package cn.hangzhou.indicators.sample;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/** Applies file-level defects after writing: damaged landing copies, re-deliveries, header and encoding rewrites. */
final class FileDefects {

    private static final Charset GBK = Charset.forName("GBK");

    private FileDefects() {
    }

    static void apply(Path root, Deliveries.WrittenFile file, DefectLog log) {
        DefectKind kind = file.fileDefect();
        String landing = file.relativePath().replaceFirst("^" + Deliveries.REDELIVERY, "");
        String redelivery = Deliveries.REDELIVERY + landing;
        Path complete = root.resolve(file.relativePath());
        Path target = root.resolve(landing);
        try {
            switch (kind) {
                case HEADER_ONLY_FILE -> {
                    byte[] bytes = Files.readAllBytes(complete);
                    int newline = indexOf(bytes, (byte) '\n');
                    Files.write(target, Arrays.copyOf(bytes, newline + 1));
                }
                case EMPTY_FILE -> Files.write(target, new byte[0]);
                case TRUNCATED_GZIP -> {
                    byte[] bytes = Files.readAllBytes(complete);
                    Files.write(target, Arrays.copyOf(bytes, Math.max(12, bytes.length * 3 / 5)));
                }
                case CORRUPT_GZIP -> {
                    byte[] bytes = Files.readAllBytes(complete);
                    for (int i = Math.max(10, bytes.length * 2 / 5); i < Math.max(11, bytes.length * 3 / 5) && i < bytes.length - 8; i++) {
                        bytes[i] = (byte) (bytes[i] ^ 0x5A);
                    }
                    Files.write(target, bytes);
                }
                case PARTIAL_EXPORT -> keepFirstLines(complete, target, Math.max(2, 1 + (file.records() * 15) / 100));
                case MISSING_HEADER -> rewriteLines(target, StandardCharsets.UTF_8, StandardCharsets.UTF_8, true, line -> line);
                case EXTRA_COLUMN -> {
                    boolean[] header = {true};
                    rewriteLines(target, StandardCharsets.UTF_8, StandardCharsets.UTF_8, false, line -> {
                        String extra = header[0] ? "备注" : "";
                        header[0] = false;
                        return line + "," + extra;
                    });
                }
                case REORDERED_HEADER -> rewriteLines(target, StandardCharsets.UTF_8, StandardCharsets.UTF_8, false, FileDefects::swapSecondAndThird);
                case WRONG_ENCODING_GBK_FOR_UTF8 -> rewriteLines(target, StandardCharsets.UTF_8, GBK, false, line -> line);
                case WRONG_ENCODING_UTF8_FOR_GBK -> rewriteLines(target, GBK, StandardCharsets.UTF_8, false, line -> line);
                case DUPLICATE_REDELIVERY -> {
                    Files.createDirectories(root.resolve(redelivery).getParent());
                    Files.copy(target, root.resolve(redelivery), StandardCopyOption.REPLACE_EXISTING);
                }
                default -> {
                    // LATE_FILE: only the _redelivery/ copy exists
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot apply " + kind + " to " + landing, e);
        }
        switch (kind) {
            case LATE_FILE, DUPLICATE_REDELIVERY -> log.record(redelivery, null, kind, null);
            case HEADER_ONLY_FILE, EMPTY_FILE, TRUNCATED_GZIP, CORRUPT_GZIP, PARTIAL_EXPORT -> {
                log.record(landing, null, kind, null);
                log.record(redelivery, null, DefectKind.CORRECTED_REDELIVERY, null);
            }
            default -> log.record(landing, null, kind, null);
        }
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return bytes.length - 1;
    }

    private static String swapSecondAndThird(String line) {
        String[] fields = line.split(",", -1);
        if (fields.length > 2) {
            String second = fields[1];
            fields[1] = fields[2];
            fields[2] = second;
        }
        return String.join(",", fields);
    }

    private static void keepFirstLines(Path source, Path target, long lines) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(source, StandardCharsets.UTF_8);
             BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            String line;
            for (long n = 0; n < lines && (line = in.readLine()) != null; n++) {
                out.write(line);
                out.write('\n');
            }
        }
    }

    /** Streams a plain-text file through a line transformation (and re-encoding), replacing it. */
    private static void rewriteLines(Path file, Charset from, Charset to, boolean dropHeader, UnaryOperator<String> change)
            throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (BufferedReader in = Files.newBufferedReader(file, from);
             BufferedWriter out = Files.newBufferedWriter(temporary, to)) {
            String line = in.readLine();
            if (dropHeader && line != null) {
                line = in.readLine();
            }
            while (line != null) {
                out.write(change.apply(line));
                out.write('\n');
                line = in.readLine();
            }
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
    }
}
