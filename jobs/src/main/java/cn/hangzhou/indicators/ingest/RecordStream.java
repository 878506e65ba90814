package cn.hangzhou.indicators.ingest;

import java.util.List;

/** Streams the records of one file's content in file order, one at a time, then its file-level verdict. */
public interface RecordStream {

    /** The next record, read or quarantined; null after the last. */
    ParsedFile.Entry next() throws FileRejectedException;

    /**
     * After the last record: the headers (JSON keys) the schema does not announce. Rejects the file when only its
     * whole reading shows it cannot be ingested (mostly in another encoding).
     */
    List<String> finish() throws FileRejectedException;

    /** Why the file is read although it departs from the contract (a missing header), for the manifest; after {@link #finish()}. */
    default List<String> warnings() {
        return List.of();
    }
}
