package cn.hangzhou.indicators.ingest;

import java.util.List;
import java.util.Map;

/**
 * What a parser made of one small file, collected from its {@link RecordStream}: the records it could read and those it could not, in file order.
 *
 * @param extraColumns headers (JSON keys) the schema does not announce, kept in each record's extra values
 */
public record ParsedFile(List<Record> records, List<QuarantinedRecord> quarantined, List<String> extraColumns) {

    /** A record as a parser streams it: read or quarantined. */
    public sealed interface Entry permits Record, QuarantinedRecord {
        long rowNumber();
    }

    /**
     * One readable record.
     *
     * @param rowNumber   1-based physical line of its first line (header = 1)
     * @param values      the delivered text of every schema column, in schema order; null when a JSON key is absent
     * @param extraValues values of unannounced columns by header, or null when the file has none
     */
    public record Record(long rowNumber, String[] values, Map<String, String> extraValues) implements Entry {
    }

    /**
     * One record that cannot be read structurally.
     *
     * @param reasons e.g. {@code field_count:expected 9 got 10}, {@code unbalanced_quotes}, {@code malformed_json:...},
     *                {@code undecodable_bytes}
     */
    public record QuarantinedRecord(long rowNumber, String rawText, List<String> reasons) implements Entry {
    }

    public ParsedFile {
        records = List.copyOf(records);
        quarantined = List.copyOf(quarantined);
        extraColumns = List.copyOf(extraColumns);
    }

    public long rowsRead() {
        return (long) records.size() + quarantined.size();
    }
}
