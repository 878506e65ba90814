package cn.hangzhou.indicators.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.apache.spark.sql.Row;

/**
 * Runs both passes of {@link DeliveryReader} (the second for the records) over one deaths file and prints what they found; started by
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
        String fileId = (String) field(summary, "file_id");
        String sha256 = (String) field(summary, "sha256");
        long records = 0;
        long lastRowNumber = 0;
        for (Iterator<Row> rows = new StreamedRows(landing, fileId, sha256, bytes, format, DeliveryReader.DEFAULT_GZIP_EXPANSION,
                DeliveryReader.RECORD); rows.hasNext(); ) {
            long rowNumber = (Long) field(rows.next(), "row_number");
            if (rowNumber <= lastRowNumber) {
                throw new IllegalStateException("row numbers out of order at " + rowNumber);
            }
            lastRowNumber = rowNumber;
            records++;
        }
        System.out.println("rows_read=" + field(summary, "rows_read") + " rows_quarantined=" + field(summary, "rows_quarantined")
                + " records=" + records + " last_row_number=" + lastRowNumber + " maximum_heap=" + Runtime.getRuntime().maxMemory());
    }

    /** Rows built inside a reader carry no schema: their fields are found by {@link DeliveryReader#SCHEMA}. */
    private static Object field(Row row, String name) {
        return row.get(DeliveryReader.SCHEMA.fieldIndex(name));
    }
}
