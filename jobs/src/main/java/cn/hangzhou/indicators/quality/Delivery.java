package cn.hangzhou.indicators.quality;

/** One ingested delivery waiting for the gate, as the ingest manifest describes it. */
public record Delivery(String fileId, String sourceName, String extract, String period, String district) {

    /** The series whose earlier periods form this delivery's size history: the extract, per district where files are. */
    public String series() {
        return district == null ? extract : extract + "/" + district;
    }

    /** {@code source_name:row}, how reports and results point at a row without showing it. */
    public String location(long rowNumber) {
        return sourceName + ":" + rowNumber;
    }
}
