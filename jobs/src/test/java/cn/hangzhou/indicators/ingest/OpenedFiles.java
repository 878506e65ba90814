package cn.hangzhou.indicators.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/** The local file system, noting every file opened for reading, installed for the {@code file:} scheme while a piece of work runs. */
public final class OpenedFiles extends LocalFileSystem {

    private static final List<String> OPENED = new ArrayList<>();

    @Override
    public FSDataInputStream open(Path file, int bufferSize) throws IOException {
        synchronized (OPENED) {
            OPENED.add(file.toUri().getPath());
        }
        return super.open(file, bufferSize);
    }

    /** The local paths the work opened through Hadoop (Spark's scans, Delta's log, the ingest's own reads). */
    public static List<String> during(SparkSession spark, Supplier<?> work) {
        Configuration configuration = spark.sparkContext().hadoopConfiguration();
        String implementation = configuration.get("fs.file.impl");
        synchronized (OPENED) {
            OPENED.clear();
        }
        // without the cache every FileSystem.get, in the driver and in the local tasks, builds this class
        configuration.set("fs.file.impl", OpenedFiles.class.getName());
        configuration.setBoolean("fs.file.impl.disable.cache", true);
        try {
            work.get();
        } finally {
            if (implementation == null) {
                configuration.unset("fs.file.impl");
            } else {
                configuration.set("fs.file.impl", implementation);
            }
            configuration.unset("fs.file.impl.disable.cache");
        }
        synchronized (OPENED) {
            return List.copyOf(OPENED);
        }
    }
}
