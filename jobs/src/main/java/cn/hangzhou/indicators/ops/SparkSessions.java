package cn.hangzhou.indicators.ops;

import cn.hangzhou.indicators.config.Profile;
import cn.hangzhou.indicators.config.RunSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** Builds the one SparkSession a command uses, with Delta Lake, OpenLineage and the profile's settings applied. */
public final class SparkSessions {

    /** Delta writes this into every commit's {@code userMetadata}: the run id of {@link RunContext}. */
    public static final String COMMIT_METADATA = "spark.databricks.delta.commitInfo.userMetadata";

    private SparkSessions() {
    }

    public static SparkSession create(RunSettings settings, String applicationName) {
        SparkSession.Builder builder = SparkSession.builder().appName(applicationName);
        if (settings.profile().sparkMaster() != null) {
            builder.master(settings.profile().sparkMaster());
        }
        deltaDefaults().forEach(builder::config);
        openLineage(settings).forEach(builder::config);
        settings.profile().sparkConf().forEach(builder::config);
        SparkSession spark = builder.getOrCreate();
        StageMetrics.listenTo(spark);
        markCommits(spark);
        return spark;
    }

    /** Marks every following Delta commit of {@code spark} with the current run id. */
    public static void markCommits(SparkSession spark) {
        spark.conf().set(COMMIT_METADATA, RunContext.current().commitMetadata());
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
        if (lineage.transport().equals("none") || (lineage.transport().equals("file") && !localWarehouse)) {
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
