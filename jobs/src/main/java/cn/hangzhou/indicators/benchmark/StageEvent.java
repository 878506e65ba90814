package cn.hangzhou.indicators.benchmark;

import com.fasterxml.jackson.databind.JsonNode;

/** One {@code "event":"stage"} line a child process's {@link cn.hangzhou.indicators.ops.StageMetrics} wrote. */
public record StageEvent(String stage, double wallSeconds, double cpuSeconds, long rows, long bytes, long peakHeapBytes,
                         long peakRssBytes, long sparkJobs, long recordsRead, long bytesRead, long recordsWritten) {

    public static StageEvent of(JsonNode line) {
        return new StageEvent(line.path("stage").asText(), line.path("wall_seconds").asDouble(), line.path("cpu_seconds").asDouble(),
                line.path("rows").asLong(-1), line.path("bytes").asLong(-1), line.path("peak_heap_bytes").asLong(-1),
                line.path("peak_rss_bytes").asLong(-1), line.path("spark_jobs").asLong(), line.path("records_read").asLong(),
                line.path("bytes_read").asLong(), line.path("records_written").asLong());
    }

    /** The rows the stage reported, else the records its Spark tasks wrote, else those they read. */
    public long rowsDone() {
        if (rows >= 0) {
            return rows;
        }
        return recordsWritten > 0 ? recordsWritten : recordsRead;
    }

    /** The bytes the stage reported reading, else those its Spark tasks read. */
    public long bytesDone() {
        return bytes >= 0 ? bytes : bytesRead;
    }
}
