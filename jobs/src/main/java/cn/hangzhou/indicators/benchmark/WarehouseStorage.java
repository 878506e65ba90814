package cn.hangzhou.indicators.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/** Bytes and records of every Delta table of a warehouse, by layer (bronze, quarantine, silver, gold, lineage, quality, ops). */
public final class WarehouseStorage {

    /** One Delta table: its layer, path below the warehouse, bytes on disk (data and log) and records. */
    public record Table(String layer, String path, long bytes, long records) {
    }

    private static final List<Map.Entry<String, String>> LAYERS = List.of(
            Map.entry("restricted/bronze/_quarantine", "quarantine"), Map.entry("restricted/bronze/", "bronze"),
            Map.entry("analytics/silver/", "silver"), Map.entry("restricted/gold/", "gold"), Map.entry("analytics/gold/", "gold"),
            Map.entry("restricted/lineage/", "lineage"), Map.entry("analytics/quality/", "quality"), Map.entry("ops/", "ops"));

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

    /** The layer of a table path below the warehouse root, after ops/WarehouseLayout; the first matching prefix wins. */
    static String layer(String relative) {
        String path = relative.replace('\\', '/');
        return LAYERS.stream().filter(layer -> path.startsWith(layer.getKey())).map(Map.Entry::getValue).findFirst().orElse("other");
    }
}
