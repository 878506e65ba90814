package cn.hangzhou.indicators.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Groups files into Spark tasks: a file of at least {@link #TARGET_BYTES} is a task of its own, smaller ones share a
 * task up to that size, so that a landing of many small monthly files does not pay a task, a Parquet file and
 * Delta's per-file statistics set-up for each of them.
 */
final class TaskGroups {

    /** The bytes of delivered files one task takes when the files are small. */
    static final long TARGET_BYTES = 64L * 1024 * 1024;

    private TaskGroups() {
    }

    /** The files in their order, cut into consecutive groups of at most {@link #TARGET_BYTES} (or one larger file). */
    static <T> List<List<T>> bySize(List<T> files, ToLongFunction<T> sizeBytes) {
        List<List<T>> groups = new ArrayList<>();
        List<T> current = new ArrayList<>();
        long currentBytes = 0;
        for (T file : files) {
            long size = Math.max(0, sizeBytes.applyAsLong(file));
            if (!current.isEmpty() && currentBytes + size > TARGET_BYTES) {
                groups.add(current);
                current = new ArrayList<>();
                currentBytes = 0;
            }
            current.add(file);
            currentBytes += size;
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        return groups;
    }
}
