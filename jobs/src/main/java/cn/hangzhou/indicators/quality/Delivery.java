package cn.hangzhou.indicators.quality;

import java.util.List;

/**
 * One ingested delivery waiting for the gate, as the ingest manifest describes it.
 *
 * @param ingestWarnings why ingest read the file although it departs from the contract (wrong encoding, missing header)
 */
public record Delivery(String fileId, String sourceName, String extract, String period, String district,
                       List<String> ingestWarnings) {

    public Delivery {
        ingestWarnings = ingestWarnings == null ? List.of() : List.copyOf(ingestWarnings);
    }

    public Delivery(String fileId, String sourceName, String extract, String period, String district) {
        this(fileId, sourceName, extract, period, district, List.of());
    }

    /** The series whose earlier periods form this delivery's size history: the extract, per district where files are. */
    public String series() {
        return district == null ? extract : extract + "/" + district;
    }

    /** {@code source_name:row}, how reports and results point at a row without showing it. */
    public String location(long rowNumber) {
        return sourceName + ":" + rowNumber;
    }
}
