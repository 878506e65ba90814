package cn.hangzhou.indicators.config;

import java.util.Map;

/**
 * One execution profile: where Spark runs and where landing and warehouse are.
 *
 * @param sparkMaster   Spark master URL; null means "as given by spark-submit"
 * @param sparkConf     extra Spark settings ({@code spark.hadoop.fs.s3a.*} for S3-compatible storage)
 * @param landing       landing folder or URI (relative paths are taken from the working directory)
 * @param warehouse     warehouse folder or URI
 * @param pseudonymisationKey where the HMAC key for person keys comes from
 */
public record Profile(String description, String sparkMaster, Map<String, String> sparkConf, String landing,
                      String warehouse, KeySource pseudonymisationKey) {

    public Profile {
        sparkConf = sparkConf == null ? Map.of() : Map.copyOf(sparkConf);
        ConfigurationException.require(landing != null && !landing.isBlank(), "a profile has no landing",
                "add landing: a folder or s3a:// URI");
        ConfigurationException.require(warehouse != null && !warehouse.isBlank(), "a profile has no warehouse",
                "add warehouse: a folder or s3a:// URI");
        ConfigurationException.require(sparkMaster == null || sparkMaster.matches("(local(\\[(\\*|\\d+)])?|spark://.+|yarn|k8s://.+)"),
                "spark_master '" + sparkMaster + "' is not a Spark master URL", "use local[*], spark://host:7077, yarn or k8s://...");
        pseudonymisationKey = pseudonymisationKey == null ? new KeySource(null, null, null) : pseudonymisationKey;
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
