package cn.hangzhou.indicators.quality;

import cn.hangzhou.indicators.config.ConfigurationException;

/**
 * When the rows failing {@code drop} rules reject the whole delivery: more than {@code dropShare} of its rows
 * and at least {@code dropRows} rows.
 */
public record RejectionThreshold(Double dropShare, Long dropRows) {

    public static final RejectionThreshold DEFAULT = new RejectionThreshold(0.10, 10L);

    public RejectionThreshold {
        dropShare = dropShare == null ? DEFAULT_SHARE : dropShare;
        dropRows = dropRows == null ? DEFAULT_ROWS : dropRows;
        ConfigurationException.require(dropShare >= 0 && dropShare <= 1, "rejection drop_share " + dropShare + " is not a fraction",
                "give e.g. 0.10 for 10%");
        ConfigurationException.require(dropRows >= 0, "rejection drop_rows " + dropRows + " is negative", "give a row count, e.g. 10");
    }

    private static final double DEFAULT_SHARE = 0.10;
    private static final long DEFAULT_ROWS = 10L;

    public boolean rejects(long droppedRows, long rows) {
        return rows > 0 && droppedRows >= dropRows && (double) droppedRows / rows > dropShare;
    }
}
