package cn.hangzhou.indicators.ingest;

import java.io.Serializable;
import java.util.List;

/**
 * What the parse of one new landing file found, before any decision: its identity and counts, or why it
 * cannot be ingested.
 *
 * @param rowsRead        records read (null when rejected)
 * @param rowsQuarantined of which quarantined (null when rejected)
 * @param rejection       why the whole file is rejected, or null
 */
public record ParsedDelivery(LandingFile file, String fileId, String sha256, Long rowsRead, Long rowsQuarantined,
                             String rejection, List<String> extraColumns) implements Serializable {

    public ParsedDelivery {
        extraColumns = extraColumns == null ? List.of() : List.copyOf(extraColumns);
    }
}
