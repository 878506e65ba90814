package cn.hangzhou.indicators.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.apache.spark.sql.Row;

/**
 * Runs both passes of {@link DeliveryReader} over one deaths file and prints what they found; started by
 * {@link LargeDeliveryTest} in a JVM with a small heap. Usage: {@code LargeDeliveryCount FILE}.
 */
public final class LargeDeliveryCount {

    private LargeDeliveryCount() {
    }

    public static void main(String[] arguments) throws Exception {
        Path file = Path.of(arguments[0]);
        LandingFile landing = new LandingFile(file.toString(), file.getFileName().toString(), file.getFileName().toString(),
                "health", "deaths", "202401", null, Files.size(file), 0);
        DeliveryFormat format = Deliveries.format("health/deaths");
        DeliveryReader.DeliveredBytes bytes = () -> Files.newInputStream(file);
        Row summary = DeliveryReader.summary(landing, bytes, format, DeliveryReader.DEFAULT_GZIP_EXPANSION);
        String fileId = summary.getAs("file_id");
        String sha256 = summary.getAs("sha256");
        long records = 0;
        long lastRowNumber = 0;
        for (Iterator<Row> rows = new StreamedRows(landing, fileId, sha256, bytes, format, DeliveryReader.DEFAULT_GZIP_EXPANSION,
                DeliveryReader.RECORD); rows.hasNext(); ) {
            long rowNumber = rows.next().<Long>getAs("row_number");
            if (rowNumber <= lastRowNumber) {
                throw new IllegalStateException("row numbers out of order at " + rowNumber);
            }
            lastRowNumber = rowNumber;
            records++;
        }
        long quarantinedRowNumber = 0;
        for (Iterator<Row> rows = new StreamedRows(landing, fileId, sha256, bytes, format, DeliveryReader.DEFAULT_GZIP_EXPANSION,
                DeliveryReader.QUARANTINED); rows.hasNext(); ) {
            quarantinedRowNumber = rows.next().<Long>getAs("row_number");
        }
        System.out.println("rows_read=" + summary.getAs("rows_read") + " rows_quarantined=" + summary.getAs("rows_quarantined")
                + " records=" + records + " last_row_number=" + lastRowNumber + " quarantined_row_number=" + quarantinedRowNumber
                + " maximum_heap=" + Runtime.getRuntime().maxMemory());
    }
}
