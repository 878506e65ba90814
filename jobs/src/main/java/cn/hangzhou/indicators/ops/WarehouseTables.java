package cn.hangzhou.indicators.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/** Finds the Delta tables under a warehouse root (folders with a {@code _delta_log}) and their versions. */
public final class WarehouseTables {

    private static final int MAXIMUM_DEPTH = 4;

    private WarehouseTables() {
    }

    /** Table path relative to the warehouse root (e.g. {@code analytics/silver/deaths}) → current version. */
    public static Map<String, Long> versions(SparkSession spark, WarehouseLayout layout) {
        Map<String, Long> versions = new TreeMap<>();
        for (String relative : tables(spark, layout)) {
            DeltaTables.version(spark, layout.root() + "/" + relative).ifPresent(version -> versions.put(relative, version));
        }
        return versions;
    }

    public static List<String> tables(SparkSession spark, WarehouseLayout layout) {
        List<String> found = new ArrayList<>();
        try {
            Path root = new Path(layout.root());
            FileSystem fileSystem = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fileSystem.exists(root)) {
                return found;
            }
            walk(fileSystem, root, "", 0, found);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the warehouse " + layout.root(), e);
        }
        return found;
    }

    private static void walk(FileSystem fileSystem, Path folder, String relative, int depth, List<String> found) throws IOException {
        if (fileSystem.exists(new Path(folder, "_delta_log"))) {
            found.add(relative);
            return;
        }
        if (depth >= MAXIMUM_DEPTH) {
            return;
        }
        FileStatus[] children = fileSystem.listStatus(folder);
        java.util.Arrays.sort(children);
        for (FileStatus child : children) {
            if (child.isDirectory()) {
                String name = child.getPath().getName();
                walk(fileSystem, child.getPath(), relative.isEmpty() ? name : relative + "/" + name, depth + 1, found);
            }
        }
    }
}
