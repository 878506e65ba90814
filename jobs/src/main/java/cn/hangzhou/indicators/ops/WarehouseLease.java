package cn.hangzhou.indicators.ops;

import cn.hangzhou.indicators.config.LeaseSettings;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warehouse's writer lease: one file, {@code <warehouse>/ops/lease.json}, naming the one run allowed to write.
 * Every writing command takes it before it opens Spark and gives it back when it ends; a daemon thread renews it. A
 * lease whose holder stopped renewing (past {@code expires_at}), or whose holder was a process of this host that no
 * longer exists, is taken over. The protocol (docs/operations.md) needs no atomic rename and no atomic
 * create-if-absent: a claim is written with a random token and read back after a settle delay, and only the run
 * whose token is still there holds the lease.
 */
public final class WarehouseLease implements AutoCloseable {

    /** The lease file, relative to the warehouse root. */
    public static final String FILE = "ops/lease.json";

    private static final Logger LOG = LoggerFactory.getLogger(WarehouseLease.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final int READ_ATTEMPTS = 5;
    private static final long READ_RETRY_MILLISECONDS = 50;
    private static final int CLAIM_ATTEMPTS = 3;

    /**
     * What the lease file holds; no identifiers. {@code expiresAt} is the holder's last renewal plus its expiry, so a
     * contender judges staleness by the holder's settings (and the two hosts' clocks, which must agree to well within
     * the expiry).
     */
    public record Holder(String token, String runId, String command, String host, Long pid, String startedAt,
                          String renewedAt, String expiresAt) {

        boolean expiredAt(Instant now) {
            try {
                return expiresAt == null || Instant.parse(expiresAt).isBefore(now);
            } catch (java.time.format.DateTimeParseException e) {
                return true;
            }
        }

        /**
         * A holder on this host whose process is gone. A reused pid keeps a dead holder "alive" until its lease
         * expires, which errs on the safe side.
         */
        boolean deadOnThisHost() {
            if (host == null || pid == null || !host.equals(hostName())) {
                return false;
            }
            return ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true);
        }

        /** One line for an operator: run id, command, host, pid, start time, last renewal. */
        public String describe() {
            return "run " + runId + " (" + command + ") on host " + host + ", pid " + pid + ", started " + startedAt
                    + ", last renewed " + renewedAt + ", expires " + expiresAt;
        }
    }

    /** Another live run holds the lease: this run must not write. */
    public static final class HeldException extends RuntimeException {
        private final transient Holder holder;

        HeldException(Holder holder, String lease) {
            super("the warehouse is in use: its lease " + lease + " is held by " + holder.describe()
                    + ". Wait for that run to end; if its process is gone, the lease is taken over once it expires, or"
                    + " clear it with `bin/indicators lease --break` (docs/operations.md)");
            this.holder = holder;
        }

        public Holder holder() {
            return holder;
        }
    }

    /** This run's lease was taken by another run (it stopped renewing for longer than the expiry): stop writing. */
    public static final class LostException extends RuntimeException {
        LostException(String message) {
            super(message);
        }
    }

    private final FileSystem fileSystem;
    private final Path file;
    private final LeaseSettings settings;
    private final Holder claim;
    private final ScheduledExecutorService heartbeat;
    private volatile Holder current;
    private volatile String lost;
    private volatile boolean closed;

    private WarehouseLease(FileSystem fileSystem, Path file, LeaseSettings settings, Holder claim) {
        this.fileSystem = fileSystem;
        this.file = file;
        this.settings = settings;
        this.claim = claim;
        this.current = claim;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "warehouse-lease-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(1, settings.heartbeat().toMillis());
        heartbeat.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Takes the lease of the warehouse at {@code warehouseRoot} for {@code run}, or throws {@link HeldException}
     * naming the live holder. {@code hadoop} reaches the warehouse's file system ({@code s3a://} settings included).
     */
    public static WarehouseLease acquire(String warehouseRoot, Configuration hadoop, LeaseSettings settings, RunContext run) {
        Path file = leaseFile(warehouseRoot);
        FileSystem fileSystem = openFileSystem(file, hadoop);
        try {
            return claim(fileSystem, file, settings, run);
        } catch (IOException e) {
            closeQuietly(fileSystem);
            throw new UncheckedIOException("cannot take the warehouse lease " + file, e);
        } catch (RuntimeException e) {
            closeQuietly(fileSystem);
            throw e;
        }
    }

    /** The holder named in the warehouse's lease file, live or not; empty when there is none. */
    public static Optional<Holder> holder(String warehouseRoot, Configuration hadoop) {
        Path file = leaseFile(warehouseRoot);
        FileSystem fileSystem = openFileSystem(file, hadoop);
        try {
            return Optional.ofNullable(read(fileSystem, file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the warehouse lease " + file, e);
        } finally {
            closeQuietly(fileSystem);
        }
    }

    /** Removes the warehouse's lease file whoever holds it (the operator's {@code lease --break}); false when there was none. */
    public static boolean breakLease(String warehouseRoot, Configuration hadoop) {
        Path file = leaseFile(warehouseRoot);
        FileSystem fileSystem = openFileSystem(file, hadoop);
        try {
            return fileSystem.delete(file, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the warehouse lease " + file, e);
        } finally {
            closeQuietly(fileSystem);
        }
    }

    /** Whether a holder is live now: not expired, and not a vanished process of this host. */
    public static boolean isLive(Holder holder) {
        return !holder.expiredAt(Instant.now()) && !holder.deadOnThisHost();
    }

    private static WarehouseLease claim(FileSystem fileSystem, Path file, LeaseSettings settings, RunContext run) throws IOException {
        Holder mine = newClaim(run, settings);
        String location = file.toString();
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            Holder found = read(fileSystem, file);
            boolean settle;
            if (found == null) {
                if (!createNew(fileSystem, file, mine)) {
                    continue; // another run created it between our read and our create: look again
                }
                // a create-if-absent that the store makes atomic cannot have been raced; any other needs the settle
                settle = !atomicCreate(fileSystem);
            } else if (isLive(found)) {
                throw new HeldException(found, location);
            } else {
                LOG.warn("taking over the warehouse lease of {}: {}", found.describe(),
                        found.deadOnThisHost() ? "its process is gone" : "it was not renewed in time");
                write(fileSystem, file, mine, true);
                settle = true;
            }
            if (settle) {
                // Two runs that both saw no live holder both wrote; the later write is the one left. Each waits
                // longer than a write takes and reads back: only the run whose token is there goes on.
                sleep(settings.settle());
                Holder after = read(fileSystem, file);
                if (after != null && !after.token().equals(mine.token())) {
                    if (isLive(after)) {
                        throw new HeldException(after, location);
                    }
                    continue;
                }
                if (after == null) {
                    continue;
                }
            }
            LOG.info("run {} holds the warehouse lease {} (expires without a heartbeat after {} s)", run.runId(), location,
                    settings.expirySeconds());
            return new WarehouseLease(fileSystem, file, settings, mine);
        }
        throw new IOException("could not take the warehouse lease " + location + " in " + CLAIM_ATTEMPTS
                + " attempts: other runs kept claiming it at the same moment");
    }

    /**
     * Fencing before a commit point: throws {@link LostException} when another run has taken the lease (one small
     * read of the lease file).
     */
    public synchronized void verify() {
        if (lost != null) {
            throw new LostException(lost);
        }
        try {
            Holder found = read(fileSystem, file);
            if (found == null || !found.token().equals(claim.token())) {
                lost = lostMessage(found);
                throw new LostException(lost);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the warehouse lease " + file, e);
        }
    }

    /** False once this run is known to have lost the lease (to a heartbeat or a {@link #verify}). */
    public boolean held() {
        return lost == null && !closed;
    }

    /** The claim as last written (renewed by the heartbeat). */
    public Holder holder() {
        return current;
    }

    /** Stops the heartbeat and removes the lease file if it is still this run's. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // no interrupt: a renewal being written finishes, later ones are cancelled
        heartbeat.shutdown();
        try {
            heartbeat.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            try {
                Holder found = read(fileSystem, file);
                if (found != null && found.token().equals(claim.token())) {
                    fileSystem.delete(file, false);
                } else {
                    LOG.warn("the warehouse lease {} was no longer this run's at the end; left as it is", file);
                }
            } catch (IOException e) {
                LOG.warn("could not remove the warehouse lease {}: {}; the next run takes it over when it expires", file, e.toString());
            } finally {
                closeQuietly(fileSystem);
            }
        }
    }

    private synchronized void renew() {
        if (closed || lost != null) {
            return;
        }
        try {
            Holder found = read(fileSystem, file);
            if (found == null || !found.token().equals(claim.token())) {
                lost = lostMessage(found);
                LOG.error(lost);
                return;
            }
            Instant now = Instant.now();
            Holder renewed = new Holder(claim.token(), claim.runId(), claim.command(), claim.host(), claim.pid(), claim.startedAt(), now.toString(), now.plus(settings.expiry()).toString());
            write(fileSystem, file, renewed, true);
            current = renewed;
        } catch (IOException | RuntimeException e) {
            // the next beat tries again; the expiry leaves room for several missed ones
            LOG.warn("could not renew the warehouse lease {}: {}", file, e.toString());
        }
    }

    private String lostMessage(Holder found) {
        return "run " + claim.runId() + " lost the warehouse lease " + file + (found == null ? " (the file was removed)"
                : " to " + found.describe()) + "; it stops before writing more";
    }

    private static Holder newClaim(RunContext run, LeaseSettings settings) {
        Instant now = Instant.now();
        return new Holder(UUID.randomUUID().toString(), run.runId(), run.command(), hostName(), ProcessHandle.current().pid(),
                run.startedAt().toString(), now.toString(), now.plus(settings.expiry()).toString());
    }

    /**
     * The lease file's holder; null when there is none. A file being written may read as empty or cut short: it is read
     * again a few times, then judged by its age alone (an unreadable file older than the default expiry is stale).
     */
    static Holder read(FileSystem fileSystem, Path file) throws IOException {
        IOException lastProblem = null;
        for (int attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
            try (InputStream in = fileSystem.open(file)) {
                byte[] bytes = in.readAllBytes();
                Holder holder = JSON.readValue(bytes, Holder.class);
                if (holder != null && holder.token() != null) {
                    return holder;
                }
            } catch (FileNotFoundException e) {
                return null;
            } catch (IOException e) {
                lastProblem = e;
            }
            sleep(Duration.ofMillis(READ_RETRY_MILLISECONDS));
        }
        FileStatus status;
        try {
            status = fileSystem.getFileStatus(file);
        } catch (FileNotFoundException e) {
            return null;
        }
        Instant modified = Instant.ofEpochMilli(status.getModificationTime());
        LOG.warn("the warehouse lease {} is unreadable ({}); judging it by its age", file,
                lastProblem == null ? "no token" : lastProblem.toString());
        return new Holder("unreadable", "unknown", "unknown", "unknown", null, modified.toString(), modified.toString(),
                modified.plus(LeaseSettings.defaults().expiry()).toString());
    }

    /** Creates the lease file unless it exists; false when it exists. Atomic only where {@link #atomicCreate} says so. */
    private static boolean createNew(FileSystem fileSystem, Path file, Holder holder) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(holder);
        if (fileSystem instanceof RawLocalFileSystem local) {
            // Hadoop's local create(overwrite=false) checks, then opens: not atomic. The JDK's CREATE_NEW is (O_EXCL).
            java.nio.file.Path path = local.pathToFile(file).toPath();
            Files.createDirectories(path.getParent());
            try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                out.write(bytes);
            } catch (FileAlreadyExistsException e) {
                return false;
            }
            return true;
        }
        try {
            write(fileSystem, file, holder, false);
            return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        }
    }

    /** Stores whose create-if-absent is atomic: the local file system (through the JDK) and HDFS. S3A's is not. */
    private static boolean atomicCreate(FileSystem fileSystem) {
        return fileSystem instanceof RawLocalFileSystem || "hdfs".equals(fileSystem.getScheme());
    }

    /**
     * Writes the lease file whole. An object store's PUT replaces an object at once; a local file is written beside
     * and moved over the lease, so that a reader never meets a file cut short.
     */
    private static void write(FileSystem fileSystem, Path file, Holder holder, boolean overwrite) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(holder);
        if (fileSystem instanceof RawLocalFileSystem local && overwrite) {
            java.nio.file.Path target = local.pathToFile(file).toPath();
            Files.createDirectories(target.getParent());
            java.nio.file.Path written = target.resolveSibling(target.getFileName() + "." + holder.token() + ".tmp");
            Files.write(written, bytes);
            Files.move(written, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        try (OutputStream out = fileSystem.create(file, overwrite)) {
            out.write(bytes);
        }
    }

    private static Path leaseFile(String warehouseRoot) {
        return new Path(new WarehouseLayout(warehouseRoot).root() + "/" + FILE);
    }

    /**
     * A file system instance of the caller's own (closed with the lease or the run log, never Spark's cached one); on a
     * local folder the raw one, which writes no {@code .crc} files beside the lease.
     */
    static FileSystem openFileSystem(Path file, Configuration hadoop) {
        try {
            URI uri = file.toUri();
            if (uri.getScheme() == null || uri.getScheme().equals("file")) {
                RawLocalFileSystem local = new RawLocalFileSystem();
                local.initialize(URI.create("file:///"), hadoop);
                return local;
            }
            return FileSystem.newInstance(uri, hadoop);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the file system of " + file, e);
        }
    }

    private static void closeQuietly(FileSystem fileSystem) {
        try {
            fileSystem.close();
        } catch (IOException e) {
            LOG.debug("closing the lease's file system: {}", e.toString());
        }
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String fromEnvironment = System.getenv("HOSTNAME");
            return fromEnvironment == null || fromEnvironment.isBlank() ? "unknown" : fromEnvironment;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while taking the warehouse lease", e);
        }
    }
}
