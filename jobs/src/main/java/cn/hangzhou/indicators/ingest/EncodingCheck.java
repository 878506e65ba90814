package cn.hangzhou.indicators.ingest;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Tells a file in the wrong encoding from a file with a few bad bytes: counts the records that do not
 * decode, and those whose bytes belong to the other usual encoding, and names the encoding the file is in
 * instead. One per parsed file.
 */
final class EncodingCheck {

    private final Charset expected;
    private long undecodableRecords;
    private long otherEncodingRecords;
    private byte[] sample;

    EncodingCheck(Charset expected) {
        this.expected = expected;
    }

    void undecodable(byte[] lineBytes) {
        undecodableRecords++;
        if (sample == null) {
            sample = lineBytes;
        }
    }

    /**
     * Counts one record of a file without a header to tell its encoding by (JSON Lines): whether it is valid in the
     * expected encoding and whether its bytes belong to the other one ({@link #belongsToAlternative}).
     */
    void record(PhysicalLine line, DecodedLines lines) {
        boolean mayBelongElsewhere = !line.decodable()
                || (!expected.equals(StandardCharsets.UTF_8) && line.text().chars().anyMatch(character -> character > 0x7F));
        if (!mayBelongElsewhere) {
            return;
        }
        byte[] bytes = lines.lastLineBytes();
        if (!line.decodable()) {
            undecodable(bytes);
        }
        if (belongsToAlternative(bytes, expected)) {
            otherEncodingRecords++;
        }
    }

    /** Names the other encoding when more than half of the records belong to it: the file is decoded again in it. */
    void requireExpectedEncoding(long records) throws WrongEncodingException {
        if (otherEncodingRecords > 0 && otherEncodingRecords * 2 > records) {
            Charset alternative = FileDecoder.alternative(expected);
            throw new WrongEncodingException(expected, alternative, otherEncodingRecords + " of " + records + " records are "
                    + alternative.name() + (expected.equals(StandardCharsets.UTF_8) ? ", not valid UTF-8" : ", valid UTF-8 with non-ASCII text"));
        }
    }

    /** Rejects the file when more than half of its records are not valid in the expected encoding (nor in the other). */
    void requireMostlyDecodable(long records) throws FileRejectedException {
        if (undecodableRecords > 0 && undecodableRecords * 2 > records) {
            throw new FileRejectedException("wrong encoding: " + undecodableRecords + " of " + records
                    + " records are not valid " + expected.name() + hint(sample, expected));
        }
    }

    /**
     * Whether bytes are in the other usual encoding rather than the expected one. UTF-8 expected: they are not valid
     * UTF-8 but valid GBK. GBK expected: they are valid UTF-8 and not only ASCII, whether or not they also decode as
     * GBK (UTF-8 bytes mostly do, into nonsense), so that GBK decoding alone is never trusted.
     */
    static boolean belongsToAlternative(byte[] bytes, Charset expected) {
        if (expected.equals(StandardCharsets.UTF_8)) {
            return FileDecoder.decodeStrictly(bytes, StandardCharsets.UTF_8).isEmpty()
                    && FileDecoder.decodeStrictly(bytes, FileDecoder.alternative(expected)).isPresent();
        }
        return FileDecoder.decodeStrictly(bytes, StandardCharsets.UTF_8)
                .map(text -> text.codePoints().anyMatch(codePoint -> codePoint > 0x7F)).orElse(false);
    }

    /** {@code " (looks like GBK)"} when the bytes decode cleanly in the other usual encoding, else empty. */
    static String hint(byte[] bytes, Charset expected) {
        if (FileDecoder.looksGzipped(bytes)) {
            return " (looks gzip-compressed, but the name does not end with .gz)";
        }
        Charset alternative = FileDecoder.alternative(expected);
        Optional<String> decoded = FileDecoder.decodeStrictly(bytes, alternative);
        return decoded.isPresent() && decoded.get().codePoints().anyMatch(codePoint -> codePoint > 0x7F)
                ? " (looks like " + alternative.name() + ")" : "";
    }
}
