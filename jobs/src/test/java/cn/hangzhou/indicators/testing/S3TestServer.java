package cn.hangzhou.indicators.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;

/**
 * A real S3-compatible server for tests: S3Proxy ({@code org.gaul:s3proxy}, the jar Maven copies to
 * {@code jobs/target/s3proxy/}) as its own process, so that its Jetty never meets Spark's, on a free loopback port,
 * with its in-memory ("transient") back end and one bucket with a random name, created through the S3 API. Stopped
 * by {@link #close}, and by a shutdown hook if the test JVM ends first.
 *
 * <p>Not the filesystem back end: it keeps "folders" as directories, answers a HEAD of a folder's key as if it were a
 * file, and Delta's {@code mkdirs} of {@code _delta_log/_commits} then fails with "Path is a file"; the transient
 * store is a plain key-value store, as S3 is.
 */
public final class S3TestServer implements AutoCloseable {

    public static final String ACCESS_KEY = "indicators-test-access";
    public static final String SECRET_KEY = "indicators-test-secret";
    private static final long START_SECONDS = 90;

    private final Process process;
    private final Thread stopAtExit;
    private final String endpoint;
    private final String bucket;
    private final Path log;

    private S3TestServer(Process process, Thread stopAtExit, String endpoint, String bucket, Path log) {
        this.process = process;
        this.stopAtExit = stopAtExit;
        this.endpoint = endpoint;
        this.bucket = bucket;
        this.log = log;
    }

    /** Starts the server with its store under {@code folder} and waits until it answers. */
    public static S3TestServer start(Path folder) throws IOException, InterruptedException {
        String jar = System.getProperty("indicators.s3proxy.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("no S3Proxy jar at " + jar + ": run the test through Maven (mvn verify), whose "
                    + "copy-s3-test-server step puts it in jobs/target/s3proxy/");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + port;
        // a new name each time: Hadoop caches an S3A file system per bucket for the life of the JVM
        String bucket = "indicators-test-" + UUID.randomUUID().toString().substring(0, 8);
        Files.createDirectories(folder);
        Path properties = folder.resolve("s3proxy.properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=" + endpoint,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=transient",
                "jclouds.identity=unused",
                "jclouds.credential=unused") + "\n", StandardCharsets.UTF_8);
        Path log = folder.resolve("s3proxy.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx512m", "-jar", jar, "--properties", properties.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Thread stopAtExit = new Thread(process::destroyForcibly, "s3-test-server-stop");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
        S3TestServer server = new S3TestServer(process, stopAtExit, endpoint, bucket, log);
        try {
            server.awaitAnswer();
            server.createBucket();
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void awaitAnswer() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy ended with exit code " + process.exitValue() + " before it answered: " + logTail());
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint + "/").toURL().openConnection();
                connection.setConnectTimeout(1000);
                connection.setReadTimeout(1000);
                int status = connection.getResponseCode(); // an unsigned request: 403, but an S3 answer
                connection.disconnect();
                if (status > 0) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("S3Proxy did not answer at " + endpoint + " within " + START_SECONDS + " s: " + logTail());
    }

    /** Hadoop's S3A cannot create buckets: the AWS SDK that hadoop-aws brings does. */
    private void createBucket() {
        com.amazonaws.services.s3.AmazonS3 client = com.amazonaws.services.s3.AmazonS3ClientBuilder.standard()
                .withEndpointConfiguration(new com.amazonaws.client.builder.AwsClientBuilder.EndpointConfiguration(endpoint, "us-east-1"))
                .withPathStyleAccessEnabled(true)
                .withCredentials(new com.amazonaws.auth.AWSStaticCredentialsProvider(new com.amazonaws.auth.BasicAWSCredentials(ACCESS_KEY, SECRET_KEY)))
                .build();
        try {
            client.createBucket(bucket);
        } finally {
            client.shutdown();
        }
    }

    public String endpoint() {
        return endpoint;
    }

    public String bucket() {
        return bucket;
    }

    /** {@code s3a://<bucket>}. */
    public String root() {
        return "s3a://" + bucket;
    }

    /** The last lines of the server's output, for a failure message. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * S3A settings for this server's bucket only ({@code fs.s3a.bucket.<bucket>.*}), with the test credentials given
     * in the configuration: a test JVM cannot set its own environment. The child processes under test get theirs
     * from the environment, as the s3 profile says.
     */
    public Map<String, String> bucketSettings() {
        String prefix = "fs.s3a.bucket." + bucket + ".";
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(prefix + "endpoint", endpoint);
        settings.put(prefix + "endpoint.region", "us-east-1");
        settings.put(prefix + "path.style.access", "true");
        settings.put(prefix + "directory.marker.retention", "keep");
        settings.put(prefix + "aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        settings.put(prefix + "access.key", ACCESS_KEY);
        settings.put(prefix + "secret.key", SECRET_KEY);
        return settings;
    }

    /** {@code hadoop} with {@link #bucketSettings} added. */
    public Configuration configure(Configuration hadoop) {
        bucketSettings().forEach(hadoop::set);
        return hadoop;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }
}
