package cn.hangzhou.indicators.ops;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The identity of one launcher invocation: a run id that every Delta commit, quality result, indicator value
 * and lineage event of the run carries.
 */
public record RunContext(String runId, String command, List<String> arguments, Instant startedAt) {

    private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static volatile RunContext current;

    public RunContext {
        arguments = List.copyOf(arguments);
    }

    /** Starts a run for {@code command}; the run id sorts by start time. */
    public static synchronized RunContext start(String command, List<String> arguments) {
        Instant now = Instant.now();
        String runId = RUN_ID_TIME.format(now) + "-" + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
        current = new RunContext(runId, command, arguments, now);
        return current;
    }

    /** The run in progress; a run is started on demand for code called outside the launcher (tests, notebooks). */
    public static synchronized RunContext current() {
        if (current == null) {
            return start("library", List.of());
        }
        return current;
    }

    public static synchronized void finish() {
        current = null;
    }

    /** The Delta commit metadata that marks every commit of this run. */
    public String commitMetadata() {
        return "{\"run_id\":\"" + runId + "\",\"command\":\"" + command + "\"}";
    }
}
