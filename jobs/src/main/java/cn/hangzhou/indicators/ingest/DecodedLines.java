package cn.hangzhou.indicators.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Produces the physical lines of a file's streamed content one by one (split on LF bytes, which no byte of a
 * multi-byte UTF-8 or GBK character can be), each decoded on its own so that one bad line does not
 * spoil the others. {@link #mark()}/{@link #reset()} let a parser look ahead and come back; only the lines
 * read since the mark are kept, so memory is bounded by the parser's lookahead, not by the file.
 */
public final class DecodedLines {

    /** A longer line is no line of a delimited or JSON Lines file; refusing it keeps one task's memory bounded. */
    static final int MAXIMUM_LINE_BYTES = 64 * 1024 * 1024;
    private static final byte[] UTF8_BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** One line's bytes as read, before decoding. */
    private record RawLine(long number, byte[] bytes, String terminator) {
    }

    private final InputStream content;
    private final Charset charset;
    private final CharsetDecoder decoder;
    private final byte[] buffer = new byte[64 * 1024];
    private int bufferPosition;
    private int bufferLimit;
    private boolean skipByteOrderMark;
    private boolean ended;
    private long linesRead;
    private byte[] line = new byte[256];
    private final ArrayDeque<RawLine> pending = new ArrayDeque<>();
    private List<RawLine> sinceMark;
    private RawLine last;

    DecodedLines(InputStream content, boolean skipByteOrderMark, Charset charset) {
        this.content = content;
        this.skipByteOrderMark = skipByteOrderMark;
        this.charset = charset;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    public boolean hasNext() throws FileRejectedException {
        if (pending.isEmpty()) {
            RawLine read = readLine();
            if (read == null) {
                return false;
            }
            pending.add(read);
        }
        return true;
    }

    public PhysicalLine next() throws FileRejectedException {
        if (!hasNext()) {
            throw new NoSuchElementException("no line after line " + linesRead);
        }
        last = pending.poll();
        if (sinceMark != null) {
            sinceMark.add(last);
        }
        String text;
        boolean decodable = true;
        try {
            text = decoder.reset().decode(ByteBuffer.wrap(last.bytes())).toString();
        } catch (CharacterCodingException e) {
            text = new String(last.bytes(), charset);
            decodable = false;
        }
        return new PhysicalLine(last.number(), text, last.terminator(), decodable);
    }

    /** The bytes of the line {@link #next()} returned last, without its terminator. */
    public byte[] lastLineBytes() {
        return last.bytes().clone();
    }

    /** Starts keeping the lines read from here on, for a {@link #reset()}. */
    public void mark() {
        sinceMark = new ArrayList<>();
    }

    /** Goes back to the line after the mark and drops the mark. */
    public void reset() {
        for (int index = sinceMark.size() - 1; index >= 0; index--) {
            pending.addFirst(sinceMark.get(index));
        }
        sinceMark = null;
    }

    /** Drops the mark: the lines read since are consumed for good. */
    public void unmark() {
        sinceMark = null;
    }

    private RawLine readLine() throws FileRejectedException {
        try {
            if (skipByteOrderMark) {
                skipByteOrderMark = false;
                byte[] head = content.readNBytes(UTF8_BYTE_ORDER_MARK.length);
                if (!Arrays.equals(head, UTF8_BYTE_ORDER_MARK)) {
                    System.arraycopy(head, 0, buffer, 0, head.length);
                    bufferLimit = head.length;
                }
            }
            int length = 0;
            while (true) {
                if (bufferPosition == bufferLimit && !fill()) {
                    if (length == 0) {
                        return null;
                    }
                    return new RawLine(++linesRead, Arrays.copyOf(line, length), "");
                }
                int newline = bufferPosition;
                while (newline < bufferLimit && buffer[newline] != '\n') {
                    newline++;
                }
                length = append(length, newline - bufferPosition);
                boolean found = newline < bufferLimit;
                bufferPosition = found ? newline + 1 : newline;
                if (found) {
                    boolean carriageReturn = length > 0 && line[length - 1] == '\r';
                    int end = carriageReturn ? length - 1 : length;
                    return new RawLine(++linesRead, Arrays.copyOf(line, end), carriageReturn ? "\r\n" : "\n");
                }
            }
        } catch (RejectedContentException e) {
            throw new FileRejectedException(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends the next {@code count} buffered bytes to the line being read; returns its new length. */
    private int append(int length, int count) throws RejectedContentException {
        if (length + count > MAXIMUM_LINE_BYTES) {
            throw new RejectedContentException("line " + (linesRead + 1) + " is longer than " + MAXIMUM_LINE_BYTES
                    + " bytes: not a file of lines");
        }
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
        }
        System.arraycopy(buffer, bufferPosition, line, length, count);
        return length + count;
    }

    /** Refills the buffer when it is used up (or first fills it); false at the end of the content. */
    private boolean fill() throws IOException {
        while (bufferPosition == bufferLimit) {
            if (ended) {
                return false;
            }
            int read = content.read(buffer, 0, buffer.length);
            if (read < 0) {
                ended = true;
                return false;
            }
            bufferPosition = 0;
            bufferLimit = read;
        }
        return true;
    }
}
