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
 * @param encoding        the encoding the file is read in when it is not its schema's (detected), else null
 * @param warnings        why the file is read although it departs from the contract (wrong encoding, missing header)
 */
public record ParsedDelivery(LandingFile file, String fileId, String sha256, Long rowsRead, Long rowsQuarantined,
                             String rejection, List<String> extraColumns, String encoding, List<String> warnings)
        implements Serializable {

    public ParsedDelivery {
        extraColumns = extraColumns == null ? List.of() : List.copyOf(extraColumns);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
