package cn.hangzhou.indicators.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's structured log: every event the console shows, also as one JSON object per line in
 * {@code <warehouse>/ops/logs/<run id>.jsonl} (timestamp, level, run id, command, stage, logger, message, counts, error).
 * A {@link Counts} among a log call's arguments (it need not appear in the message) becomes the line's {@code counts}.
 * Text that looks like a resident ID number is replaced, here and on the console (conf/log4j2.properties), as a last
 * guard: the pipeline logs counts and file names, never row values.
 */
public final class RunLog implements AutoCloseable {

    /** Where the runs' logs are, relative to the warehouse root. */
    public static final String FOLDER = "ops/logs";

    /** 17 digits and a digit or X, not inside a longer number: the shape of a resident ID number. */
    static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])");
    static final String REDACTED = "[id-number]";

    private static final Logger LOG = LoggerFactory.getLogger(RunLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Named counts attached to a log line, printed on the console as {@code name=value, ...}. */
    public record Counts(Map<String, Long> values) implements Serializable {

        public Counts {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            values.forEach((name, value) -> text.append(text.length() == 0 ? "" : ", ").append(name).append('=').append(value));
            return text.toString();
        }
    }

    private final RunContext run;
    private final String location;
    private final FileSystem fileSystem;
    private final FSDataOutputStream out;
    /** Whether each line is flushed to the store: not on S3A, whose streams upload on close and warn at every hflush. */
    private final boolean flushes;
    private final JsonAppender appender;
    private final LoggerContext loggers;

    private RunLog(RunContext run, String location, FileSystem fileSystem, FSDataOutputStream out, LoggerContext loggers) {
        this.run = run;
        this.location = location;
        this.fileSystem = fileSystem;
        this.out = out;
        this.flushes = fileSystem instanceof org.apache.hadoop.fs.RawLocalFileSystem
                || out.hasCapability(org.apache.hadoop.fs.StreamCapabilities.HFLUSH);
        this.loggers = loggers;
        this.appender = new JsonAppender(this);
        appender.start();
        loggers.getConfiguration().getRootLogger().addAppender(appender, null, null);
        loggers.updateLoggers();
    }

    /**
     * Starts the JSON log of {@code run} under the warehouse; empty when the logging back end is not Log4j 2 or the
     * file cannot be created (the run goes on with the console only, and says so).
     */
    public static java.util.Optional<RunLog> start(String warehouseRoot, Configuration hadoop, RunContext run) {
        String location = new WarehouseLayout(warehouseRoot).root() + "/" + FOLDER + "/" + run.runId() + ".jsonl";
        if (!(LogManager.getContext(false) instanceof LoggerContext loggers)) {
            LOG.warn("no JSON run log: the logging back end is not Log4j 2");
            return java.util.Optional.empty();
        }
        try {
            Path path = new Path(location);
            FileSystem fileSystem = WarehouseLease.openFileSystem(path, hadoop);
            FSDataOutputStream out = fileSystem.create(path, false);
            return java.util.Optional.of(new RunLog(run, location, fileSystem, out, loggers));
        } catch (IOException | RuntimeException e) {
            LOG.warn("no JSON run log at {}: {}", location, e.toString());
            return java.util.Optional.empty();
        }
    }

    /** Where this run's JSON lines go. */
    public String location() {
        return location;
    }

    /** Stops collecting and closes the file (on an object store, this is when it is uploaded). */
    @Override
    public void close() {
        loggers.getConfiguration().getRootLogger().removeAppender(appender.getName());
        loggers.updateLoggers();
        appender.stop();
        synchronized (this) {
            try {
                out.close();
            } catch (IOException e) {
                LOG.warn("could not finish the JSON run log {}: {}", location, e.toString());
            } finally {
                try {
                    fileSystem.close();
                } catch (IOException ignored) {
                    // nothing left to write
                }
            }
        }
    }

    private void write(LogEvent event) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.ofEpochMilli(event.getTimeMillis()).toString());
        line.put("level", event.getLevel().name());
        line.put("run_id", run.runId());
        line.put("command", run.command());
        List<String> stages = StageMetrics.openStages();
        line.put("stage", stages.isEmpty() ? null : stages.get(0));
        if (stages.size() > 1) {
            line.put("step", stages.get(stages.size() - 1));
        }
        line.put("logger", event.getLoggerName());
        line.put("message", redact(event.getMessage().getFormattedMessage()));
        Object[] parameters = event.getMessage().getParameters();
        if (parameters != null) {
            for (Object parameter : parameters) {
                if (parameter instanceof Counts counts) {
                    line.put("counts", counts.values());
                }
            }
        }
        if (event.getThrown() != null) {
            line.put("error", redact(event.getThrown().toString()));
        }
        byte[] bytes;
        try {
            bytes = (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            return;
        }
        synchronized (this) {
            try {
                out.write(bytes);
                if (flushes) {
                    out.hflush();
                }
            } catch (IOException e) {
                // the console still has the event; a failing log file must not fail the run
            }
        }
    }

    static String redact(String text) {
        return text == null ? null : ID_NUMBER.matcher(text).replaceAll(REDACTED);
    }

    /** Passes the events the loggers let through to the run log; events raised while writing one are dropped. */
    private static final class JsonAppender extends AbstractAppender {

        private static final ThreadLocal<Boolean> WRITING = ThreadLocal.withInitial(() -> false);
        private final RunLog log;

        JsonAppender(RunLog log) {
            super("run-log-" + log.run.runId(), (Filter) null, (Layout<? extends Serializable>) null, true, Property.EMPTY_ARRAY);
            this.log = log;
        }

        @Override
        public void append(LogEvent event) {
            if (WRITING.get()) {
                return;
            }
            WRITING.set(true);
            try {
                log.write(event);
            } finally {
                WRITING.set(false);
            }
        }
    }
}
