package cn.hangzhou.indicators.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/** Bytes and records of every Delta table of a warehouse, by layer (bronze, quarantine, silver, gold, lineage, quality, ops). */
public final class WarehouseStorage {

    /** One Delta table: its layer, path below the warehouse, bytes on disk (data and log) and records. */
    public record Table(String layer, String path, long bytes, long records) {
    }

    private WarehouseStorage() {
    }

    /** Every Delta table (a folder with {@code _delta_log}) under {@code warehouse}, with its records counted by Spark. */
    public static List<Table> measure(SparkSession spark, Path warehouse) {
        List<Table> tables = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(warehouse)) {
            for (Path log : walk.filter(path -> path.getFileName().toString().equals("_delta_log") && Files.isDirectory(path)).sorted().toList()) {
                Path table = log.getParent();
                String relative = warehouse.relativize(table).toString();
                long records = spark.read().format("delta").load(table.toString()).count();
                tables.add(new Table(layer(relative), relative, BenchLanding.sizeOf(table), records));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot walk the warehouse " + warehouse, e);
        }
        return tables;
    }

    /** The layer of a table path below the warehouse root, after ops/WarehouseLayout. */
    static String layer(String relative) {
        String path = relative.replace('\\', '/');
        if (path.startsWith("restricted/bronze/_quarantine")) {
            return "quarantine";
        }
        if (path.startsWith("restricted/bronze/")) {
            return "bronze";
        }
        if (path.startsWith("analytics/silver/")) {
            return "silver";
        }
        if (path.contains("/gold/")) {
            return "gold";
        }
        if (path.startsWith("restricted/lineage/")) {
            return "lineage";
        }
        if (path.startsWith("analytics/quality/")) {
            return "quality";
        }
        return path.startsWith("ops/") ? "ops" : "other";
    }
}
