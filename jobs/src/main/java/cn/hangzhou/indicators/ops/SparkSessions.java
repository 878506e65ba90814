package cn.hangzhou.indicators.ops;

import cn.hangzhou.indicators.config.Profile;
import cn.hangzhou.indicators.config.RunSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkExecutorInfo;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.JavaSparkStatusTracker;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the one SparkSession a command uses, with Delta Lake, OpenLineage and the profile's settings applied. */
public final class SparkSessions {

    /** Delta writes this into every commit's {@code userMetadata}: the run id of {@link RunContext}. */
    public static final String COMMIT_METADATA = "spark.databricks.delta.commitInfo.userMetadata";

    private static final Logger LOG = LoggerFactory.getLogger(SparkSessions.class);
    private static final long DRAIN_SECONDS = 30;
    private static final Set<SparkSession> OWNED = 
            java.util.Collections.synchronizedSet(java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));

    private SparkSessions() {
    }

    public static SparkSession create(RunSettings settings, String applicationName) {
        return create(settings, applicationName, Map.of());
    }

    /** A session with settings of its own on top of the pipeline's (a command's extensions, say); they win. */
    public static SparkSession create(RunSettings settings, String applicationName, Map<String, String> commandSettings) {
        boolean existed = SparkSession.getDefaultSession().isDefined();
        SparkSession.Builder builder = SparkSession.builder().appName(applicationName);
        if (settings.profile().sparkMaster() != null) {
            builder.master(settings.profile().sparkMaster());
        }
        deltaDefaults().forEach(builder::config);
        openLineage(settings).forEach(builder::config);
        settings.profile().sparkConf().forEach(builder::config);
        commandSettings.forEach(builder::config);
        SparkSession spark = builder.getOrCreate();
        if (!existed) {
            OWNED.add(spark);
        }
        StageMetrics.listenTo(spark);
        markCommits(spark);
        return spark;
    }

    /**
     * Stops a session that {@link #create} started (a session that existed before, such as a test's, stays open), in
     * an order that leaves nothing running: Spark jobs that nobody waits for any more are cancelled and their tasks
     * drained first. Stopping the context with tasks still being launched or reporting (which the JVM's shutdown hook
     * did at exit, after the command had returned) made the local scheduler log {@code ERROR Inbox: Ignoring error
     * java.util.concurrent.RejectedExecutionException} and {@code ERROR TaskSchedulerImpl: Exception in statusUpdate}
     * with stack traces at the end of every successful run.
     */
    public static void finish(SparkSession spark) {
        if (!OWNED.remove(spark) || spark.sparkContext().isStopped()) {
            return;
        }
        SparkContext context = spark.sparkContext();
        JavaSparkStatusTracker tracker = JavaSparkContext.fromSparkContext(context).statusTracker();
        int[] active = tracker.getActiveJobIds();
        if (active.length > 0) {
            List<String> jobs = new ArrayList<>();
            for (int job : active) {
                SparkJobInfo info = tracker.getJobInfo(job);
                String stage = info == null || info.stageIds().length == 0 ? null
                        : java.util.Optional.ofNullable(tracker.getStageInfo(info.stageIds()[0])).map(SparkStageInfo::name).orElse(null);
                jobs.add("job " + job + (stage == null ? "" : " (" + stage + ")"));
            }
            LOG.info("cancelling {} Spark job(s) that nobody waits for at the end of the command: {}", active.length, jobs);
            context.cancelAllJobs();
        }
        long deadline = System.nanoTime() + DRAIN_SECONDS * 1_000_000_000L;
        while (runningTasks(context) > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        spark.stop();
    }

    private static int runningTasks(SparkContext context) {
        int running = 0;
        for (SparkExecutorInfo executor : context.statusTracker().getExecutorInfos()) {
            running += executor.numRunningTasks();
        }
        return running + context.statusTracker().getActiveJobIds().length;
    }

    /**
     * The Hadoop configuration the session will have for the warehouse's file system, without starting Spark: the
     * profile's {@code spark.hadoop.*} settings, and AWS credentials from the environment as Spark adds them.
     */
    public static org.apache.hadoop.conf.Configuration hadoopConfiguration(RunSettings settings) {
        org.apache.hadoop.conf.Configuration hadoop = new org.apache.hadoop.conf.Configuration();
        String accessKey = System.getenv("AWS_ACCESS_KEY_ID");
        String secretKey = System.getenv("AWS_SECRET_ACCESS_KEY");
        if (accessKey != null && secretKey != null) {
            hadoop.set("fs.s3a.access.key", accessKey);
            hadoop.set("fs.s3a.secret.key", secretKey);
            String sessionToken = System.getenv("AWS_SESSION_TOKEN");
            if (sessionToken != null) {
                hadoop.set("fs.s3a.session.token", sessionToken);
            }
        }
        settings.profile().sparkConf().forEach((key, value) -> {
            if (key.startsWith("spark.hadoop.")) {
                hadoop.set(key.substring("spark.hadoop.".length()), value);
            }
        });
        return hadoop;
    }

    /** Marks every following Delta commit of {@code spark} with the current run id. */
    public static void markCommits(SparkSession spark) {
        spark.conf().set(COMMIT_METADATA, RunContext.current().commitMetadata());
    }

    /** Runs {@code action} with one session setting changed, and gives the setting back as it was, set or unset. */
    public static void withSetting(SparkSession spark, String key, String value, Runnable action) {
        String previous = spark.conf().get(key, null);
        spark.conf().set(key, value);
        try {
            action.run();
        } finally {
            if (previous == null) {
                spark.conf().unset(key);
            } else {
                spark.conf().set(key, previous);
            }
        }
    }

    /** The settings every session of the pipeline needs, tests included. */
    public static Map<String, String> deltaDefaults() {
        return Map.of(
                "spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension",
                "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog",
                "spark.sql.session.timeZone", "Asia/Shanghai",
                "spark.sql.ansi.enabled", "false",
                "spark.databricks.delta.schema.autoMerge.enabled", "false");
    }

    /**
     * The OpenLineage Spark listener's settings: job and dataset lineage for every Spark job, with the facets that
     * could carry row values (logical plans, unknown nodes, debug) switched off, so events hold no identifiers.
     */
    public static Map<String, String> openLineage(RunSettings settings) {
        Profile.OpenLineageSettings lineage = settings.profile().openlineage();
        Map<String, String> conf = new LinkedHashMap<>();
        boolean localWarehouse = settings.isLocal(settings.warehouse());
        if (lineage.transport().equals("none")) {
            return conf;
        }
        if (lineage.transport().equals("file") && !localWarehouse) {
            // OpenLineage's file transport appends to a local file: it cannot write into a bucket
            LOG.warn("OpenLineage: no lineage events are sent for this run: profile '{}' has the file transport, which "
                    + "writes a local file, and its warehouse {} is not on a local file system. Fix: give the profile "
                    + "openlineage: {transport: http, url: http://<marquez-host>:5000} (a Marquez-compatible endpoint), "
                    + "or transport: none to say that no events are wanted (docs/operations.md, OpenLineage)",
                    settings.profileName(), settings.warehouse());
            return conf;
        }
        conf.put("spark.extraListeners", "io.openlineage.spark.agent.OpenLineageSparkListener");
        conf.put("spark.openlineage.namespace", lineage.namespace());
        conf.put("spark.openlineage.parentJobNamespace", lineage.namespace());
        conf.put("spark.openlineage.facets.disabled", "[spark_unknown;spark.logicalPlan;debug]");
        conf.put("spark.openlineage.facets.spark.logicalPlan.disabled", "true");
        conf.put("spark.openlineage.facets.spark_unknown.disabled", "true");
        conf.put("spark.openlineage.facets.debug.disabled", "true");
        conf.put("spark.openlineage.debugFacet", "disabled");
        conf.put("spark.openlineage.columnLineage.datasetLineageEnabled", "true");
        if (lineage.transport().equals("http")) {
            conf.put("spark.openlineage.transport.type", "http");
            conf.put("spark.openlineage.transport.url", lineage.url());
        } else {
            String location = settings.warehouse().replaceFirst("^file:", "") + "/ops/openlineage/events.jsonl";
            new java.io.File(location).getParentFile().mkdirs();
            conf.put("spark.openlineage.transport.type", "file");
            conf.put("spark.openlineage.transport.location", location);
        }
        return conf;
    }
}
