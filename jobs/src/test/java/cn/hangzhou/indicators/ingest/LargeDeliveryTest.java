package cn.hangzhou.indicators.ingest;

import static cn.hangzhou.indicators.ingest.Deliveries.DEATHS_HEADER;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A delivered file four times the size of the heap is read in both passes with every row and its physical row number. */
class LargeDeliveryTest {

    private static final int HEAP_MEGABYTES = 48;
    private static final long RECORDS = 4_600_000;

    @TempDir
    Path folder;

    @Test
    void aFileLargerThanTheHeapIngestsWithEveryRowAndItsRowNumber() throws IOException, InterruptedException {
        Path file = folder.resolve("deaths_202401.csv");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(DEATHS_HEADER + "\n");
            for (long record = 0; record < RECORDS; record++) {
                if (record == 10) {
                    out.write("D10,,2,1950-02-02,2024-01-06,330105,\"C34.1\n（补录）\"\n");
                } else if (record == RECORDS - 2) {
                    out.write("D" + record + ",1,2\n");
                } else {
                    out.write("D" + record + ",,1,1940-01-01,2024-01-05,330102,I21.9\n");
                }
            }
        }
        assertThat(Files.size(file)).isGreaterThan(4L * HEAP_MEGABYTES * 1024 * 1024);

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + HEAP_MEGABYTES + "m", "-cp", System.getProperty("java.class.path"), LargeDeliveryCount.class.getName(),
                file.toString()).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        Files.delete(file);

        assertThat(child.exitValue()).as(output).isZero();
        // header = line 1; record 10 spans two lines, so the last record's first line is RECORDS + 2
        List<String> expected = List.of("rows_read=" + RECORDS, "rows_quarantined=1", "records=" + (RECORDS - 1),
                "last_row_number=" + (RECORDS + 2));
        assertThat(output).contains(expected).contains("maximum_heap=");
    }
}
