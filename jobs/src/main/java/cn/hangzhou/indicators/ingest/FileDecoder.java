package cn.hangzhou.indicators.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Produces a delivered file's content (gunzipped, checked non-empty) and its decoded physical lines; one per file. */
public final class FileDecoder {

    private static final byte[] UTF8_BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final Charset GBK = Charset.forName("GBK");

    private FileDecoder() {
    }

    /** The content of a file as delivered: gunzipped when its name ends with {@code .gz}; rejects empty or broken files. */
    public static byte[] content(byte[] delivered, String fileName) throws FileRejectedException {
        if (delivered.length == 0) {
            throw new FileRejectedException("empty file (0 bytes)");
        }
        if (!fileName.endsWith(".gz")) {
            return delivered;
        }
        byte[] content;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(delivered))) {
            content = in.readAllBytes();
        } catch (EOFException e) {
            throw new FileRejectedException("truncated gzip: the compressed data ends early (" + e.getMessage() + ")");
        } catch (ZipException e) {
            throw new FileRejectedException("corrupt gzip: " + e.getMessage());
        } catch (IOException e) {
            throw new FileRejectedException("unreadable gzip: " + e);
        }
        if (content.length == 0) {
            throw new FileRejectedException("empty file (0 bytes after gunzip)");
        }
        return content;
    }

    /** Lower-case hex SHA-256 of the bytes. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** Lower-case hex SHA-256 of a text, UTF-8. */
    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** The physical lines of the content in the charset; a UTF-8 byte order mark is skipped. */
    public static DecodedLines lines(byte[] content, Charset charset) {
        int start = charset.equals(StandardCharsets.UTF_8) && hasUtf8ByteOrderMark(content) ? UTF8_BYTE_ORDER_MARK.length : 0;
        return new DecodedLines(content, start, charset);
    }

    static boolean hasUtf8ByteOrderMark(byte[] bytes) {
        return bytes.length >= 3 && bytes[0] == UTF8_BYTE_ORDER_MARK[0] && bytes[1] == UTF8_BYTE_ORDER_MARK[1]
                && bytes[2] == UTF8_BYTE_ORDER_MARK[2];
    }

    static boolean looksGzipped(byte[] content) {
        return content.length >= 2 && content[0] == (byte) 0x1F && content[1] == (byte) 0x8B;
    }

    /** The text of the bytes if they are entirely valid in the charset (a leading UTF-8 byte order mark dropped). */
    public static Optional<String> decodeStrictly(byte[] bytes, Charset charset) {
        int start = charset.equals(StandardCharsets.UTF_8) && hasUtf8ByteOrderMark(bytes) ? UTF8_BYTE_ORDER_MARK.length : 0;
        try {
            return Optional.of(charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** The encoding a department is likely to have confused with the expected one: GBK for UTF-8 and the reverse. */
    public static Charset alternative(Charset expected) {
        return expected.equals(StandardCharsets.UTF_8) ? GBK : StandardCharsets.UTF_8;
    }

    /** Reads a stream to its end. */
    public static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }
}
