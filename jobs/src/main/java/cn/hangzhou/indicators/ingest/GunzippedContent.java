package cn.hangzhou.indicators.ingest;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;

/**
 * Streams the gunzipped content of a delivered file, refusing to expand past a limit (a gzip bomb) and
 * turning the damage of the compressed data into a {@link RejectedContentException} that names it.
 */
final class GunzippedContent extends FilterInputStream {

    private final long maximumBytes;
    private long bytesRead;

    GunzippedContent(InputStream gunzipped, long maximumBytes) {
        super(gunzipped);
        this.maximumBytes = maximumBytes;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read;
        try {
            read = super.read(buffer, offset, length);
        } catch (EOFException e) {
            throw new RejectedContentException(truncated(e));
        } catch (ZipException e) {
            throw new RejectedContentException(corrupt(e));
        }
        if (read > 0) {
            bytesRead += read;
            if (bytesRead > maximumBytes) {
                throw new RejectedContentException("gzip expands to more than " + maximumBytes
                        + " bytes: refused as a possible gzip bomb (see docs/ingestion.md to raise the limit)");
            }
        }
        return read;
    }

    static String truncated(EOFException e) {
        return "truncated gzip: the compressed data ends early (" + e.getMessage() + ")";
    }

    static String corrupt(ZipException e) {
        return "corrupt gzip: " + e.getMessage();
    }
}
