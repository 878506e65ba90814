package cn.hangzhou.indicators.ingest;

import java.nio.charset.Charset;

/**
 * A file is not in its schema's encoding but in the other usual one (GBK for UTF-8 and the reverse): the reader
 * decodes it again, whole, in the detected encoding and records {@link #warning()}. One per detection.
 */
public final class WrongEncodingException extends FileRejectedException {

    private final Charset expected;
    private final Charset detected;
    private final String evidence;

    WrongEncodingException(Charset expected, Charset detected, String evidence) {
        super("wrong encoding: not " + expected.name() + " but " + detected.name() + " (" + evidence + ")");
        this.expected = expected;
        this.detected = detected;
        this.evidence = evidence;
    }

    public Charset detected() {
        return detected;
    }

    /** The manifest's, the log's and the summary's words for a file decoded in the detected encoding. */
    public String warning() {
        return "wrong encoding: expected " + expected.name() + ", decoded as " + detected.name() + " (" + evidence + ")";
    }
}
