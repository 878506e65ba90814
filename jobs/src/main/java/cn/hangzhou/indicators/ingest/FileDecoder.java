package cn.hangzhou.indicators.ingest;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
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
        try (InputStream content = content(new ByteArrayInputStream(delivered), fileName, Long.MAX_VALUE)) {
            return content.readAllBytes();
        } catch (RejectedContentException e) {
            throw new FileRejectedException(e.getMessage());
        } catch (IOException e) {
            throw new FileRejectedException("unreadable gzip: " + e);
        }
    }

    /**
     * Streams the content of a file as delivered: gunzipped when its name ends with {@code .gz}, at most
     * {@code maximumContentBytes} of it. Rejects at once an empty file and a gzip whose header is broken; damage
     * found further on surfaces as a {@link RejectedContentException} from the stream's reads.
     */
    public static InputStream content(InputStream delivered, String fileName, long maximumContentBytes) throws FileRejectedException {
        PushbackInputStream raw = new PushbackInputStream(delivered, 1);
        if (!hasContent(raw)) {
            throw new FileRejectedException("empty file (0 bytes)");
        }
        if (!fileName.endsWith(".gz")) {
            return raw;
        }
        PushbackInputStream gunzipped;
        try {
            gunzipped = new PushbackInputStream(new GunzippedContent(new GZIPInputStream(raw, 64 * 1024), maximumContentBytes), 1);
        } catch (EOFException e) {
            throw new FileRejectedException(GunzippedContent.truncated(e));
        } catch (ZipException e) {
            throw new FileRejectedException(GunzippedContent.corrupt(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!hasContent(gunzipped)) {
            throw new FileRejectedException("empty file (0 bytes after gunzip)");
        }
        return gunzipped;
    }

    /** Whether the stream has a first byte, which it puts back. */
    private static boolean hasContent(PushbackInputStream in) throws FileRejectedException {
        try {
            int first = in.read();
            if (first < 0) {
                return false;
            }
            in.unread(first);
            return true;
        } catch (RejectedContentException e) {
            throw new FileRejectedException(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lower-case hex SHA-256 of the bytes. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** Lower-case hex SHA-256 of a text, UTF-8. */
    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A fresh SHA-256 digest. */
    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** The physical lines of the content in the charset; a UTF-8 byte order mark is skipped. */
    public static DecodedLines lines(byte[] content, Charset charset) {
        return lines(new ByteArrayInputStream(content), charset);
    }

    /** The physical lines of streamed content in the charset, read as they are asked for; a UTF-8 byte order mark is skipped. */
    public static DecodedLines lines(InputStream content, Charset charset) {
        return new DecodedLines(content, charset.equals(StandardCharsets.UTF_8), charset);
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

}
