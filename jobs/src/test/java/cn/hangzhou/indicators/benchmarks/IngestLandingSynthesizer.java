package cn.hangzhou.indicators.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a landing zone for measuring ingestion throughput (not a test): monthly payments files (the widest
 * quoting of the contract: quoted amounts with thousands separators) with about one structural defect per
 * thousand rows. Usage: {@code IngestLandingSynthesizer LANDING_DIR [ROWS] [FILES]} (default 1,000,000 rows in 4 files).
 * Measure with {@code /usr/bin/time -v bin/indicators ingest --landing LANDING_DIR --warehouse DIR}; see docs/benchmarks.md.
 */
public final class IngestLandingSynthesizer {

    private static final String HEADER = "流水号,原流水号,身份证号,救助类别,发放年月,发放金额,保障人数,月保障标准,区划";
    private static final String[] PROGRAMMES = {"低保", "低保边缘", "特困供养", "临时救助"};
    private static final String[] DISTRICTS = {"330102", "330105", "330106", "330108", "330109", "330110"};

    private IngestLandingSynthesizer() {
    }

    public static void main(String[] arguments) throws IOException {
        Path landing = Path.of(arguments[0]);
        long rows = arguments.length > 1 ? Long.parseLong(arguments[1]) : 1_000_000;
        int files = arguments.length > 2 ? Integer.parseInt(arguments[2]) : 4;
        Path folder = Files.createDirectories(landing.resolve("assistance/payments"));
        Random random = new Random(20240101);
        long written = 0;
        for (int file = 0; file < files; file++) {
            String month = String.format("2024%02d", file + 1);
            long fileRows = rows / files + (file < rows % files ? 1 : 0);
            try (BufferedWriter out = Files.newBufferedWriter(folder.resolve("payments_" + month + ".csv"), StandardCharsets.UTF_8)) {
                out.write(HEADER);
                out.write('\n');
                for (long row = 0; row < fileRows; row++) {
                    out.write(row(random, month, written++));
                    out.write('\n');
                }
            }
        }
        System.out.println("wrote " + written + " rows in " + files + " files under " + folder);
    }

    private static String row(Random random, String month, long number) {
        String programme = PROGRAMMES[random.nextInt(PROGRAMMES.length)];
        boolean household = programme.startsWith("低保");
        String amount = String.format("%,.2f", 200 + random.nextInt(300_000) / 100.0);
        String row = "P" + month + String.format("%09d", number) + ",," + idNumber(random) + "," + programme + "," + month
                + ",\"" + amount + "\"," + (household ? 1 + random.nextInt(5) : "") + ","
                + (household ? "\"1,100.00\"" : "") + "," + DISTRICTS[random.nextInt(DISTRICTS.length)];
        return switch (random.nextInt(1000)) {
            case 0 -> row + ",surplus";
            case 1 -> row.replace(",\"", ",\"\"\"x");
            default -> row;
        };
    }

    private static String idNumber(Random random) {
        return "3301" + String.format("%02d", random.nextInt(10)) + (1940 + random.nextInt(80))
                + String.format("%02d%02d", 1 + random.nextInt(12), 1 + random.nextInt(28)) + String.format("%03d", random.nextInt(1000))
                + "0123456789X".charAt(random.nextInt(11));
    }
}
