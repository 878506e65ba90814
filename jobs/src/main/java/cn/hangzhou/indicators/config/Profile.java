package cn.hangzhou.indicators.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One execution profile: where Spark runs and where landing and warehouse are.
 *
 * @param sparkMaster   Spark master URL; null means "as given by spark-submit"
 * @param sparkConf     extra Spark settings ({@code spark.hadoop.fs.s3a.*} for S3-compatible storage)
 * @param landing       landing folder or URI (relative paths are taken from the working directory)
 * @param warehouse     warehouse folder or URI
 * @param pseudonymisationKey where the HMAC key for person keys comes from
 * @param openlineage where OpenLineage events go (default: a file under the warehouse's ops/ when it is local)
 * @param lease       timing of the warehouse lease that lets one writing run at a time (defaults when absent)
 */
public record Profile(String description, String sparkMaster, Map<String, String> sparkConf, String landing,
                      String warehouse, KeySource pseudonymisationKey, OpenLineageSettings openlineage,
                      LeaseSettings lease) {

    public Profile {
        sparkConf = sparkConf == null ? Map.of() : Map.copyOf(sparkConf);
        ConfigurationException.require(landing != null && !landing.isBlank(), "a profile has no landing",
                "add landing: a folder or s3a:// URI");
        ConfigurationException.require(warehouse != null && !warehouse.isBlank(), "a profile has no warehouse",
                "add warehouse: a folder or s3a:// URI");
        ConfigurationException.require(sparkMaster == null || sparkMaster.matches("(local(\\[(\\*|\\d+)])?|spark://.+|yarn|k8s://.+)"),
                "spark_master '" + sparkMaster + "' is not a Spark master URL", "use local[*], spark://host:7077, yarn or k8s://...");
        pseudonymisationKey = pseudonymisationKey == null ? new KeySource(null, null, null) : pseudonymisationKey;
        openlineage = openlineage == null ? new OpenLineageSettings(null, null, null) : openlineage;
        lease = lease == null ? LeaseSettings.defaults() : lease;
    }

    /**
     * This profile with the references to environment variables in its values ({@code ${NAME}},
     * {@code ${NAME:-default}}: {@link EnvironmentReferences}) expanded from {@code environment}.
     */
    public Profile withEnvironment(Function<String, String> environment) {
        Map<String, String> expandedConf = new LinkedHashMap<>();
        sparkConf.forEach((key, value) -> expandedConf.put(key, EnvironmentReferences.expand(value, environment, "spark_conf " + key)));
        OpenLineageSettings expandedLineage = new OpenLineageSettings(openlineage.transport(),
                EnvironmentReferences.expand(openlineage.url(), environment, "openlineage url"), openlineage.namespace());
        return new Profile(description, sparkMaster, expandedConf, EnvironmentReferences.expand(landing, environment, "landing"),
                EnvironmentReferences.expand(warehouse, environment, "warehouse"), pseudonymisationKey, expandedLineage, lease);
    }

    /**
     * OpenLineage transport: {@code file} (default; JSON lines under {@code <warehouse>/ops/openlineage/}, local
     * warehouses only), {@code http} (a Marquez-compatible endpoint at {@code url}), or {@code none}.
     */
    public record OpenLineageSettings(String transport, String url, String namespace) {
        public OpenLineageSettings {
            transport = transport == null ? "file" : transport;
            namespace = namespace == null ? "hangzhou-indicators" : namespace;
            ConfigurationException.require(transport.equals("file") || transport.equals("http") || transport.equals("none"),
                    "openlineage transport '" + transport + "' is not known", "use file, http or none");
            ConfigurationException.require(!transport.equals("http") || (url != null && url.startsWith("http")),
                    "openlineage transport http needs a url", "add url: http://host:5000 (a Marquez-compatible endpoint)");
        }
    }

    /**
     * Where the pseudonymisation key comes from: an environment variable first, then a key file outside the
     * repository; {@code createIfMissing} makes a random owner-only key file on first use (local profile only).
     */
    public record KeySource(String environmentVariable, String file, Boolean createIfMissing) {
        public KeySource {
            environmentVariable = environmentVariable == null ? "INDICATORS_PSEUDONYMISATION_KEY" : environmentVariable;
            createIfMissing = createIfMissing != null && createIfMissing;
        }
    }
}
