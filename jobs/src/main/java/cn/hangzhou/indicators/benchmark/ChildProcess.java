package cn.hangzhou.indicators.benchmark;

import cn.hangzhou.indicators.ops.StageMetrics;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one benchmark step as a child JVM with the launcher's java, JVM options and classpath, its stage metrics
 * going to a file of its own; polls the child's peak RSS and CPU time and prints its progress while it runs.
 */
public final class ChildProcess {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long POLL_MILLISECONDS = 200;
    private static final long HEARTBEAT_SECONDS = 30;

    private final Path runs;
    private final PrintWriter out;

    /** @param runs folder for each child's stage metrics ({@code <name>.jsonl}) and output ({@code <name>.log}) */
    public ChildProcess(Path runs, PrintWriter out) {
        this.runs = runs;
        this.out = out;
    }

    /** Runs {@code mainClass} with {@code arguments}, with {@code extraClasspath} entries after the launcher's classpath. */
    public ChildRun run(String name, List<String> extraClasspath, String mainClass, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        List<String> classpath = new ArrayList<>(List.of(System.getProperty("java.class.path")));
        classpath.addAll(extraClasspath);
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, classpath));
        command.add(mainClass);
        command.addAll(arguments);
        Path metrics = runs.resolve(name + ".jsonl");
        Path log = runs.resolve(name + ".log");
        try {
            Files.createDirectories(runs);
            Files.deleteIfExists(metrics);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put(StageMetrics.FILE_VARIABLE, metrics.toAbsolutePath().toString());
            out.printf("[%s] started: %s %s (output: %s)%n", name, mainClass.substring(mainClass.lastIndexOf('.') + 1),
                    String.join(" ", arguments), log);
            out.flush();
            long startNanos = System.nanoTime();
            Process process = builder.start();
            // a bench stopped with Ctrl-C or kill does not leave its child running
            Thread stopChild = new Thread(process::destroy, "bench-stop-" + name);
            Runtime.getRuntime().addShutdownHook(stopChild);
            Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
            long peakRssKilobytes = -1;
            Duration cpu = Duration.ZERO;
            List<StageEvent> stages = new ArrayList<>();
            long offset = 0;
            long nextHeartbeat = HEARTBEAT_SECONDS;
            while (process.isAlive()) {
                peakRssKilobytes = Math.max(peakRssKilobytes, Math.max(StageMetrics.ProcessStatus.kilobytes(status, "VmHWM:"),
                        StageMetrics.ProcessStatus.kilobytes(status, "VmRSS:")));
                cpu = process.info().totalCpuDuration().filter(sample -> sample.compareTo(Duration.ZERO) > 0).orElse(cpu);
                long followed = follow(name, metrics, offset, stages);
                long elapsed = (System.nanoTime() - startNanos) / 1_000_000_000;
                if (followed > offset) {
                    offset = followed;
                    nextHeartbeat = elapsed + HEARTBEAT_SECONDS;
                } else if (elapsed >= nextHeartbeat) {
                    out.printf("[%s] %d s elapsed%n", name, elapsed);
                    out.flush();
                    nextHeartbeat = elapsed + HEARTBEAT_SECONDS;
                }
                process.waitFor(POLL_MILLISECONDS, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            int exitCode = process.waitFor();
            Runtime.getRuntime().removeShutdownHook(stopChild);
            double wall = (System.nanoTime() - startNanos) / 1e9;
            follow(name, metrics, offset, stages);
            out.printf("[%s] exit code %d after %.1f s (CPU %.1f s, peak RSS %s)%n", name, exitCode, wall, cpu.toMillis() / 1e3,
                    BenchReport.megabytes(peakRssKilobytes * 1024));
            if (exitCode != 0 && exitCode != 4) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                out.println("[" + name + "] last lines of " + log + ":");
                lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(line -> out.println("    " + line));
            }
            out.flush();
            return new ChildRun(name, exitCode, wall, cpu.toMillis() / 1e3, peakRssKilobytes < 0 ? -1 : peakRssKilobytes * 1024, stages);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the bench step " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the bench step " + name + " ran", e);
        }
    }

    /** Reads the metrics lines written since {@code offset}, prints them, collects stage events; returns the new offset. */
    private long follow(String name, Path metrics, long offset, List<StageEvent> stages) throws IOException {
        if (!Files.exists(metrics)) {
            return offset;
        }
        try (RandomAccessFile file = new RandomAccessFile(metrics.toFile(), "r")) {
            if (file.length() <= offset) {
                return offset;
            }
            file.seek(offset);
            byte[] bytes = new byte[(int) (file.length() - offset)];
            file.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            int complete = text.lastIndexOf('\n') + 1;
            for (String line : text.substring(0, complete).split("\n")) {
                if (!line.isBlank()) {
                    print(name, JSON.readTree(line), stages);
                }
            }
            return offset + text.substring(0, complete).getBytes(StandardCharsets.UTF_8).length;
        }
    }

    private void print(String name, JsonNode event, List<StageEvent> stages) {
        if (event.path("event").asText().equals("progress")) {
            long rows = event.path("rows").asLong(-1);
            out.printf("[%s] %-8s %6.0f s  rows %s, records read %,d, written %,d%n", name, event.path("stage").asText(),
                    event.path("elapsed_seconds").asDouble(), rows < 0 ? "-" : String.format("%,d", rows),
                    event.path("records_read").asLong(), event.path("records_written").asLong());
        } else if (event.path("event").asText().equals("stage")) {
            StageEvent stage = StageEvent.of(event);
            stages.add(stage);
            out.printf("[%s] %-8s done in %.1f s (CPU %.1f s): %,d rows, %d Spark jobs, peak heap %s, peak RSS %s%n", name,
                    stage.stage(), stage.wallSeconds(), stage.cpuSeconds(), stage.rowsDone(), stage.sparkJobs(),
                    BenchReport.megabytes(stage.peakHeapBytes()), BenchReport.megabytes(stage.peakRssBytes()));
        }
        out.flush();
    }
}
