package cn.hangzhou.indicators.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A per-JVM recorder of pipeline stages: wall and CPU time, rows, peak heap and RSS, Spark jobs and task I/O of each
 * stage, logged on close and appended as JSON lines to the file named by {@value #FILE_VARIABLE} (with progress
 * events every few seconds while a stage runs). Cheap when no file is named, and harmless off Linux.
 */
public final class StageMetrics {

    /** The environment variable naming the JSON-lines file stage and progress events are appended to. */
    public static final String FILE_VARIABLE = "INDICATORS_STAGE_METRICS";

    private static final Logger LOG = LoggerFactory.getLogger(StageMetrics.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SAMPLE_MILLISECONDS = 200;
    private static final long PROGRESS_MILLISECONDS = 5_000;
    private static final Path PROC_STATUS = Path.of("/proc/self/status");
    private static final Path PROC_CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private static final Set<Stage> OPEN = ConcurrentHashMap.newKeySet();
    /** The open stages in the order they started, whatever their thread, for the run log's stage field. */
    private static final List<Stage> OPEN_IN_ORDER = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final ThreadLocal<Deque<Stage>> CURRENT = ThreadLocal.withInitial(ArrayDeque::new);
    private static final SparkCounters COUNTERS = new SparkCounters();
    private static volatile SparkContext sparkContext;
    private static volatile Path file = configuredFile();
    private static Thread sampler;

    private StageMetrics() {
    }

    /** Counts the jobs and task I/O of {@code spark} from now on (once per SparkContext). */
    public static synchronized void listenTo(SparkSession spark) {
        if (sparkContext != spark.sparkContext()) {
            sparkContext = spark.sparkContext();
            sparkContext.addSparkListener(COUNTERS);
        }
    }

    /** Starts a stage; close it (try-with-resources) when the stage is done. */
    public static Stage start(String name) {
        Stage stage = new Stage(name);
        OPEN.add(stage);
        OPEN_IN_ORDER.add(stage);
        CURRENT.get().push(stage);
        ensureSampler();
        return stage;
    }

    /** The names of the stages open now, outermost (earliest started) first. */
    public static List<String> openStages() {
        return OPEN_IN_ORDER.stream().map(stage -> stage.name).toList();
    }

    /** Adds rows to the innermost stage open on this thread, if any. */
    public static void addRows(long rows) {
        Stage stage = CURRENT.get().peek();
        if (stage != null) {
            stage.rows(rows);
        }
    }

    /** Appends events to {@code target} instead of the file named by the environment (tests); null for none. */
    public static void writeTo(Path target) {
        file = target;
    }

    /** The totals of Spark jobs and task I/O seen so far, after the listener bus has delivered its events. */
    public static SparkTotals sparkTotals() {
        SparkContext context = sparkContext;
        if (context != null && !context.isStopped()) {
            try {
                context.listenerBus().waitUntilEmpty();
            } catch (Exception e) {
                LOG.debug("the Spark listener bus did not drain: {}", e.toString());
            }
        }
        return COUNTERS.totals();
    }

    /** Jobs and task input/output counted by the listener. */
    public record SparkTotals(long jobs, long recordsRead, long bytesRead, long recordsWritten, long bytesWritten) {

        SparkTotals minus(SparkTotals earlier) {
            return new SparkTotals(jobs - earlier.jobs, recordsRead - earlier.recordsRead, bytesRead - earlier.bytesRead,
                    recordsWritten - earlier.recordsWritten, bytesWritten - earlier.bytesWritten);
        }
    }

    /** What one stage measured; values not known are -1. */
    public record Result(String stage, double wallSeconds, double cpuSeconds, long rows, long bytes, long peakHeapBytes,
                         long peakRssBytes, SparkTotals spark) {
    }

    /** One running stage; {@link #close} measures and reports it. */
    public static final class Stage implements AutoCloseable {

        private final String name;
        private final long startNanos = System.nanoTime();
        private final long startCpuNanos = processCpuNanos();
        private final SparkTotals startSpark = COUNTERS.totals();
        private final boolean highWaterMarkReset;
        private final AtomicLong rows = new AtomicLong(-1);
        private final AtomicLong bytes = new AtomicLong(-1);
        private final AtomicLong peakRss = new AtomicLong(-1);
        private long nextProgressNanos = System.nanoTime() + PROGRESS_MILLISECONDS * 1_000_000;
        private Result result;

        private Stage(String name) {
            this.name = name;
            ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                    .forEach(MemoryPoolMXBean::resetPeakUsage);
            highWaterMarkReset = resetHighWaterMark();
            sampleRss();
        }

        /** Adds rows processed by the stage. */
        public Stage rows(long count) {
            rows.accumulateAndGet(count, (current, added) -> Math.max(current, 0) + added);
            return this;
        }

        /** Adds bytes read by the stage (when the Spark listener cannot see them, e.g. files read inside tasks). */
        public Stage bytes(long count) {
            bytes.accumulateAndGet(count, (current, added) -> Math.max(current, 0) + added);
            return this;
        }

        /** The measurements, once closed. */
        public Result result() {
            return result;
        }

        private void sampleRss() {
            long rss = procStatusBytes("VmRSS:");
            peakRss.accumulateAndGet(rss, Math::max);
        }

        @Override
        public synchronized void close() {
            if (result != null) {
                return;
            }
            OPEN.remove(this);
            CURRENT.get().remove(this);
            double wall = (System.nanoTime() - startNanos) / 1e9;
            long cpuNanos = processCpuNanos();
            double cpu = cpuNanos < 0 || startCpuNanos < 0 ? -1 : (cpuNanos - startCpuNanos) / 1e9;
            sampleRss();
            if (highWaterMarkReset) {
                peakRss.accumulateAndGet(procStatusBytes("VmHWM:"), Math::max);
            }
            long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                    .mapToLong(pool -> pool.getPeakUsage() == null ? 0 : pool.getPeakUsage().getUsed()).sum();
            SparkTotals spark = sparkTotals().minus(startSpark);
            result = new Result(name, wall, cpu, rows.get(), bytes.get(), peakHeap, peakRss.get(), spark);
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("rows", rows.get());
            counts.put("wall_milliseconds", Math.round(wall * 1000));
            counts.put("spark_jobs", spark.jobs());
            counts.put("records_read", spark.recordsRead());
            counts.put("records_written", spark.recordsWritten());
            // the counts are not in the message: the JSON run log takes them from the arguments
            LOG.info("stage {}: wall {} s, CPU {} s, rows {}, Spark jobs {}, peak heap {} MB, peak RSS {} MB", name,
                    String.format("%.1f", wall), String.format("%.1f", cpu), rows.get(), spark.jobs(), peakHeap >> 20,
                    peakRss.get() < 0 ? "?" : String.valueOf(peakRss.get() >> 20), new RunLog.Counts(counts));
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("event", "stage");
            RunContext run = currentRun();
            event.put("run_id", run == null ? null : run.runId());
            event.put("command", run == null ? null : run.command());
            event.put("stage", name);
            event.put("wall_seconds", wall);
            event.put("cpu_seconds", cpu);
            event.put("rows", rows.get());
            event.put("bytes", bytes.get());
            event.put("peak_heap_bytes", peakHeap);
            event.put("peak_rss_bytes", peakRss.get());
            event.put("spark_jobs", spark.jobs());
            event.put("records_read", spark.recordsRead());
            event.put("bytes_read", spark.bytesRead());
            event.put("records_written", spark.recordsWritten());
            event.put("bytes_written", spark.bytesWritten());
            append(event);
            OPEN_IN_ORDER.remove(this);
        }

        private void progress(long now) {
            if (now < nextProgressNanos) {
                return;
            }
            nextProgressNanos = now + PROGRESS_MILLISECONDS * 1_000_000;
            SparkTotals spark = COUNTERS.totals().minus(startSpark);
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("event", "progress");
            event.put("stage", name);
            event.put("elapsed_seconds", (now - startNanos) / 1e9);
            event.put("rows", rows.get());
            event.put("records_read", spark.recordsRead());
            event.put("records_written", spark.recordsWritten());
            append(event);
        }
    }

    private static RunContext currentRun() {
        try {
            return RunContext.current();
        } catch (RuntimeException noRun) {
            return null;
        }
    }

    private static synchronized void ensureSampler() {
        if (sampler != null) {
            return;
        }
        sampler = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(SAMPLE_MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                long now = System.nanoTime();
                for (Stage stage : List.copyOf(OPEN)) {
                    stage.sampleRss();
                    if (file != null) {
                        stage.progress(now);
                    }
                }
            }
        }, "stage-metrics-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private static synchronized void append(Map<String, Object> event) {
        Path target = file;
        if (target == null) {
            return;
        }
        try {
            Files.writeString(target, JSON.writeValueAsString(event) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warn("cannot append stage metrics to {}: {}", target, e.toString());
        }
    }

    private static Path configuredFile() {
        String value = System.getenv(FILE_VARIABLE);
        return value == null || value.isBlank() ? null : Path.of(value);
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean system) {
            return system.getProcessCpuTime();
        }
        return -1;
    }

    /** Resets the kernel's peak-RSS mark of this process; false where that is not possible (not Linux, not permitted). */
    private static boolean resetHighWaterMark() {
        if (!Files.isWritable(PROC_CLEAR_REFS)) {
            return false;
        }
        try {
            Files.writeString(PROC_CLEAR_REFS, "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** A {@code /proc/self/status} field in bytes (it is given in kB), or -1 off Linux. */
    static long procStatusBytes(String field) {
        return ProcessStatus.kilobytes(PROC_STATUS, field) * 1024;
    }

    /** Reads {@code kB} fields of a Linux {@code /proc/<pid>/status} file. */
    public static final class ProcessStatus {

        private ProcessStatus() {
        }

        /** The field's value in kB, or -1 when the file or field is missing (the process ended, not Linux). */
        public static long kilobytes(Path status, String field) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith(field)) {
                        return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                    }
                }
            } catch (IOException | RuntimeException e) {
                return -1;
            }
            return -1;
        }
    }

    /** Counts job starts and the input/output records and bytes of finished tasks. */
    private static final class SparkCounters extends SparkListener {

        private final AtomicLong jobs = new AtomicLong();
        private final AtomicLong recordsRead = new AtomicLong();
        private final AtomicLong bytesRead = new AtomicLong();
        private final AtomicLong recordsWritten = new AtomicLong();
        private final AtomicLong bytesWritten = new AtomicLong();

        @Override
        public void onJobStart(SparkListenerJobStart jobStart) {
            jobs.incrementAndGet();
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
            TaskMetrics metrics = taskEnd.taskMetrics();
            if (metrics == null) {
                return;
            }
            recordsRead.addAndGet(metrics.inputMetrics().recordsRead());
            bytesRead.addAndGet(metrics.inputMetrics().bytesRead());
            recordsWritten.addAndGet(metrics.outputMetrics().recordsWritten());
            bytesWritten.addAndGet(metrics.outputMetrics().bytesWritten());
        }

        SparkTotals totals() {
            return new SparkTotals(jobs.get(), recordsRead.get(), bytesRead.get(), recordsWritten.get(), bytesWritten.get());
        }
    }
}
