package cn.hangzhou.indicators.ingest;

import java.nio.charset.Charset;
import java.util.Optional;

/**
 * Tells a file in the wrong encoding from a file with a few bad bytes: counts the records that do not
 * decode and names the encoding the file looks like instead. One per parsed file.
 */
final class EncodingCheck {

    private final Charset expected;
    private long undecodableRecords;
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

    /** Rejects the file when more than half of its records are not valid in the expected encoding. */
    void requireMostlyDecodable(long records) throws FileRejectedException {
        if (undecodableRecords > 0 && undecodableRecords * 2 > records) {
            throw new FileRejectedException("wrong encoding: " + undecodableRecords + " of " + records
                    + " records are not valid " + expected.name() + hint(sample, expected));
        }
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
