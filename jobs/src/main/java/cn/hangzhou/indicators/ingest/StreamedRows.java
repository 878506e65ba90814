package cn.hangzhou.indicators.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;
import org.apache.spark.util.TaskCompletionListener;

/**
 * Streams the {@code record} or {@code quarantined} rows of one accepted file (the second pass), one parsed record
 * at a time, and checks at the end that the bytes still hash to what the first pass found.
 */
final class StreamedRows implements Iterator<Row> {

    private final LandingFile file;
    private final String fileId;
    private final String sha256;
    private final String kind;
    private final InputStream delivered;
    private final DigestInputStream digested;
    private final RecordStream records;
    private Row next;
    private boolean finished;

    StreamedRows(LandingFile file, String fileId, String sha256, DeliveryReader.DeliveredBytes bytes, DeliveryFormat format,
                 int gzipExpansion, String kind) throws IOException {
        this.file = file;
        this.fileId = fileId;
        this.sha256 = sha256;
        this.kind = kind;
        this.delivered = bytes.open();
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) context -> close());
        }
        this.digested = new DigestInputStream(delivered, FileDecoder.digest());
        try {
            records = FileParser.forFormat(format)
                    .open(FileDecoder.content(digested, file.fileName(), DeliveryReader.contentLimit(file.sizeBytes(), gzipExpansion)));
        } catch (FileRejectedException e) {
            close();
            throw changed(e);
        }
    }

    @Override
    public boolean hasNext() {
        while (next == null && !finished) {
            ParsedFile.Entry entry;
            try {
                entry = records.next();
                if (entry == null) {
                    records.finish();
                }
            } catch (FileRejectedException e) {
                close();
                throw changed(e);
            }
            if (entry == null) {
                finish();
            } else if (entry instanceof ParsedFile.Record record && kind.equals(DeliveryReader.RECORD)) {
                next = DeliveryReader.recordRow(file, fileId, record);
            } else if (entry instanceof ParsedFile.QuarantinedRecord record && kind.equals(DeliveryReader.QUARANTINED)) {
                next = DeliveryReader.quarantinedRow(file, fileId, record);
            }
        }
        return next != null;
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Row row = next;
        next = null;
        return row;
    }

    private void finish() {
        finished = true;
        try {
            digested.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            close();
        }
        if (!HexFormat.of().formatHex(digested.getMessageDigest().digest()).equals(sha256)) {
            throw new IllegalStateException(file.path() + " changed while being ingested (its bytes no longer hash as on the first pass)");
        }
    }

    private IllegalStateException changed(FileRejectedException e) {
        return new IllegalStateException(file.path() + " changed while being ingested: accepted on the first pass, now "
                + e.getMessage(), e);
    }

    private void close() {
        try {
            delivered.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
