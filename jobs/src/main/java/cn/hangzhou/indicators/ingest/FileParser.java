package cn.hangzhou.indicators.ingest;

/** Reads the (gunzipped) content of one delivered file into records and quarantined records. */
public interface FileParser {

    ParsedFile parse(byte[] content) throws FileRejectedException;

    /** The parser for an extract's format. */
    static FileParser forFormat(DeliveryFormat format) {
        return format.isJsonLines() ? new JsonLinesFileParser(format) : new DelimitedFileParser(format);
    }
}
