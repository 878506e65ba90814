package cn.hangzhou.indicators.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;

/**
 * Produces the physical lines of a file's content one by one (split on LF bytes, which no byte of a
 * multi-byte UTF-8 or GBK character can be), each decoded on its own so that one bad line does not
 * spoil the others. {@link #mark()}/{@link #reset()} let a parser look ahead and come back.
 */
public final class DecodedLines {

    private final byte[] content;
    private final Charset charset;
    private final CharsetDecoder decoder;
    private int position;
    private long lineNumber;
    private int lastStart;
    private int lastEnd;
    private int markedPosition;
    private long markedLineNumber;

    DecodedLines(byte[] content, int start, Charset charset) {
        this.content = content;
        this.charset = charset;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.position = start;
    }

    public boolean hasNext() {
        return position < content.length;
    }

    public PhysicalLine next() {
        int start = position;
        int newline = start;
        while (newline < content.length && content[newline] != '\n') {
            newline++;
        }
        int end = newline;
        String terminator = "";
        if (newline < content.length) {
            terminator = "\n";
            if (end > start && content[end - 1] == '\r') {
                end--;
                terminator = "\r\n";
            }
            position = newline + 1;
        } else {
            position = content.length;
        }
        lastStart = start;
        lastEnd = end;
        lineNumber++;
        String text;
        boolean decodable = true;
        try {
            text = decoder.reset().decode(ByteBuffer.wrap(content, start, end - start)).toString();
        } catch (CharacterCodingException e) {
            text = new String(content, start, end - start, charset);
            decodable = false;
        }
        return new PhysicalLine(lineNumber, text, terminator, decodable);
    }

    /** The bytes of the line {@link #next()} returned last, without its terminator. */
    public byte[] lastLineBytes() {
        return Arrays.copyOfRange(content, lastStart, lastEnd);
    }

    public void mark() {
        markedPosition = position;
        markedLineNumber = lineNumber;
    }

    public void reset() {
        position = markedPosition;
        lineNumber = markedLineNumber;
    }
}
