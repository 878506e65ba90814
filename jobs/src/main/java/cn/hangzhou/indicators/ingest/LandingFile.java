package cn.hangzhou.indicators.ingest;

import java.io.Serializable;

/**
 * One file of the landing zone matched to an extract.
 *
 * @param path       fully qualified path or URI
 * @param fileName   as delivered (with {@code .gz} if compressed)
 * @param sourceName the name without {@code .gz}: the unit a correction replaces
 * @param district   from the name for per-district extracts, else null
 * @param modifiedAt modification time, epoch milliseconds
 */
public record LandingFile(String path, String fileName, String sourceName, String department, String extract,
                          String period, String district, long sizeBytes, long modifiedAt) implements Serializable {

    public boolean compressed() {
        return fileName.endsWith(".gz");
    }
}
