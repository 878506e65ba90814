package cn.hangzhou.indicators.ops;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.cli.IndicatorsCommand;
import cn.hangzhou.indicators.testing.ProjectFiles;
import cn.hangzhou.indicators.testing.S3TestServer;
import cn.hangzhou.indicators.testing.SharedSpark;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code s3} profile for real: {@code bin/indicators nightly --profile s3} against an S3-compatible server on
 * loopback ({@link S3TestServer}), credentials and endpoint from the environment only, gives the same indicator values
 * as the {@code local} profile on the same files, and leaves its run log and run record in the bucket.
 */
class S3ProfileIT {

    /** Both runs pseudonymise with this key (a test key: no real data). */
    private static final String KEY = "s3-profile-test-key-not-for-real-data-0123456789";
    /** Only a hung run: a night of this landing takes minutes of CPU, and a busy machine stretches them. */
    private static final long RUN_MINUTES = 45;
    /** What differs between two runs of the same computation. */
    private static final List<String> RUN_COLUMNS = List.of("run_id", "computed_at");
    /** A monthly file of February to December. */
    private static final java.util.regex.Pattern LATER_MONTH = java.util.regex.Pattern.compile("_2024(0[2-9]|1[0-2])\\D");
    /** Insurance enrolments come one file per district: these four are kept. */
    private static final java.util.regex.Pattern KEPT_ENROLMENTS = java.util.regex.Pattern.compile("enrolments_2024_3301(02|05|06|08)\\D");
    /** Where the runs' and the server's output stay after the test, for a failure's reader. */
    private static final Path LOGS = ProjectFiles.home().resolve("jobs/target/s3-profile-it");

    @TempDir
    static Path folder;

    private static S3TestServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3TestServer.start(LOGS);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void nightlyOnTheS3ProfileGivesTheLocalProfilesValues() throws Exception {
        Path jar = ProjectFiles.home().resolve("jobs/target/dist/indicators-jobs.jar");
        assertThat(jar).as("the distribution that mvn package builds").exists();
        Path landing = smallLanding();
        Configuration hadoop = server.configure(new Configuration());
        try (FileSystem bucket = FileSystem.newInstance(URI.create(server.root()), hadoop)) {
            bucket.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(landing.toUri()),
                    new org.apache.hadoop.fs.Path(server.root() + "/landing"));
        }

        // side by side: the two nights share nothing but the landing's files and the key
        Launch s3Launch = launch("s3", Map.of("INDICATORS_S3_ENDPOINT", server.endpoint(), "INDICATORS_S3_ROOT", server.root()),
                "nightly", "--profile", "s3");
        Launch localLaunch = launch("local", Map.of(), "nightly", "--landing", landing.toString(),
                "--warehouse", folder.resolve("local-warehouse").toString());
        Run s3 = s3Launch.await();
        Run local = localLaunch.await();

        // 0, or 4 if one of the kept files carries a rejected defect: the same on both
        assertThat(local.exitCode()).as(local.tail()).isIn(0, 4);
        assertThat(s3.exitCode()).as(s3.tail()).isEqualTo(local.exitCode());
        assertThat(s3.output()).as("a successful run prints no ERROR").doesNotContainPattern("(?m)^(\\S+ \\S+ )?ERROR");
        assertThat(s3.output()).contains("OpenLineage: no lineage events are sent for this run", "transport: http",
                "holds the warehouse lease " + server.root() + "/warehouse/ops/lease.json");

        SparkSession spark = SharedSpark.session();
        server.configure(spark.sparkContext().hadoopConfiguration());
        WarehouseLayout inBucket = new WarehouseLayout(server.root() + "/warehouse");
        WarehouseLayout onDisk = new WarehouseLayout(folder.resolve("local-warehouse").toString());
        List<String> values = rows(spark, inBucket.indicatorValues());
        assertThat(values).hasSizeGreaterThan(50).isEqualTo(rows(spark, onDisk.indicatorValues()));
        List<String> published = rows(spark, inBucket.publishedIndicators());
        assertThat(published).hasSizeGreaterThan(50).isEqualTo(rows(spark, onDisk.publishedIndicators()));

        // it read the landing in the bucket, and recorded the run there
        assertThat(spark.read().format("delta").load(inBucket.ingestManifest()).select("path").collectAsList())
                .extracting(row -> row.getString(0)).isNotEmpty().allMatch(path -> path.startsWith(server.root() + "/landing/"));
        List<Row> runs = spark.read().format("delta").load(inBucket.runs()).collectAsList();
        assertThat(runs).extracting(row -> row.<String>getAs("command")).containsExactly("nightly");
        String runId = runs.get(0).getAs("run_id");
        assertThat(runs.get(0).<Integer>getAs("exit_code")).isEqualTo(s3.exitCode());
        try (FileSystem bucket = FileSystem.newInstance(URI.create(server.root()), hadoop)) {
            org.apache.hadoop.fs.Path runLog = new org.apache.hadoop.fs.Path(inBucket.root() + "/" + RunLog.FOLDER + "/" + runId + ".jsonl");
            assertThat(bucket.exists(runLog)).as("run log %s", runLog).isTrue();
            List<JsonNode> lines = new ArrayList<>();
            ObjectMapper json = new ObjectMapper();
            try (var in = bucket.open(runLog)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    lines.add(json.readTree(line));
                }
            }
            assertThat(lines).allMatch(line -> line.get("run_id").asText().equals(runId));
            assertThat(lines).anyMatch(line -> "compute".equals(line.path("stage").asText()) && line.has("counts"));
            assertThat(bucket.exists(new org.apache.hadoop.fs.Path(inBucket.opsRoot() + "/lease.json"))).as("the lease is given back").isFalse();
        }
    }

    /**
     * The smallest generated city (one year), with its defects, of which only January's monthly files and four
     * districts' enrolments are kept: every extract, 14 files. A night costs per file and Spark job more than per row.
     */
    private static Path smallLanding() throws IOException {
        Path generated = folder.resolve("generated");
        assertThat(IndicatorsCommand.execute("generate", "--out", generated.toString(), "--scale", "0.0005", "--years", "2024")).isZero();
        Path landing = folder.resolve("landing");
        List<Path> files;
        try (var walk = Files.walk(generated)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            Path relative = generated.relativize(file);
            String name = file.getFileName().toString();
            boolean dropped = LATER_MONTH.matcher(name).find() || (name.startsWith("enrolments_") && !KEPT_ENROLMENTS.matcher(name).find());
            if (!relative.toString().startsWith("_") && !dropped) {
                Files.createDirectories(landing.resolve(relative).getParent());
                Files.copy(file, landing.resolve(relative));
            }
        }
        return landing;
    }

    /** The table's rows without the columns of the run that wrote them, as sorted text. */
    private static List<String> rows(SparkSession spark, String table) {
        var frame = spark.read().format("delta").load(table);
        List<String> kept = Arrays.stream(frame.columns()).filter(column -> !RUN_COLUMNS.contains(column)).toList();
        return frame.selectExpr(kept.toArray(String[]::new)).collectAsList().stream().map(Row::toString).sorted().toList();
    }

    private record Run(int exitCode, String output) {
        String tail() {
            String[] lines = output.split("\n");
            return String.join("\n", Arrays.asList(lines).subList(Math.max(0, lines.length - 40), lines.length));
        }
    }

    /** A running {@code bin/indicators}; {@link #await} waits for it and stops it if it outlives the limit. */
    private record Launch(String name, Process process, Path log, Thread stopAtExit, long startNanos) {
        Run await() throws IOException, InterruptedException {
            try {
                boolean ended = process.waitFor(RUN_MINUTES, TimeUnit.MINUTES);
                String output = Files.readString(log, StandardCharsets.UTF_8);
                assertThat(ended).as("%s run ended within %d minutes (output: %s)", name, RUN_MINUTES, log).isTrue();
                System.out.printf("S3ProfileIT: %s nightly exit %d in %.1f s%n", name, process.exitValue(), (System.nanoTime() - startNanos) / 1e9);
                return new Run(process.exitValue(), output);
            } finally {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                Runtime.getRuntime().removeShutdownHook(stopAtExit);
            }
        }
    }

    /** Starts {@code bin/indicators} as a scheduler would: the built distribution, settings from the environment only. */
    private static Launch launch(String name, Map<String, String> environment, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", ProjectFiles.home().resolve("bin/indicators").toString()));
        command.addAll(List.of(arguments));
        Files.createDirectories(LOGS);
        Path log = LOGS.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> childEnvironment = builder.environment();
        childEnvironment.keySet().removeIf(variable -> variable.startsWith("AWS_") || variable.startsWith("INDICATORS_S3_")
                || variable.equals("INDICATORS_STAGE_METRICS"));
        childEnvironment.putAll(Map.of("INDICATORS_SKIP_BUILD", "1", "INDICATORS_JAVA_OPTS", "-Xmx2g",
                "INDICATORS_PSEUDONYMISATION_KEY", KEY, "AWS_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", S3TestServer.SECRET_KEY));
        childEnvironment.putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        Thread stopAtExit = new Thread(process::destroyForcibly, "s3-profile-it-stop-" + name);
        Runtime.getRuntime().addShutdownHook(stopAtExit);
        return new Launch(name, process, log, stopAtExit, start);
    }
}
