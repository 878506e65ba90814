package cn.hangzhou.indicators.ingest;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Reads the (gunzipped) content of one delivered file into records and quarantined records. */
public interface FileParser {

    /** Starts streaming the content's records; rejects at once a file whose header says it cannot be read. */
    RecordStream open(InputStream content) throws FileRejectedException;

    /** The whole parse of a small content held in memory (tests, benchmarks). */
    default ParsedFile parse(byte[] content) throws FileRejectedException {
        RecordStream stream = open(new ByteArrayInputStream(content));
        List<ParsedFile.Record> records = new ArrayList<>();
        List<ParsedFile.QuarantinedRecord> quarantined = new ArrayList<>();
        for (ParsedFile.Entry entry = stream.next(); entry != null; entry = stream.next()) {
            if (entry instanceof ParsedFile.Record record) {
                records.add(record);
            } else {
                quarantined.add((ParsedFile.QuarantinedRecord) entry);
            }
        }
        return new ParsedFile(records, quarantined, stream.finish());
    }

    /** The parser for an extract's format. */
    static FileParser forFormat(DeliveryFormat format) {
        return format.isJsonLines() ? new JsonLinesFileParser(format) : new DelimitedFileParser(format);
    }
}
