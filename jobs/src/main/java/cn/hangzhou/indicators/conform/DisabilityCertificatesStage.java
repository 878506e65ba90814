package cn.hangzhou.indicators.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.upper;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code disability_certificates} rows before person keys: {@code certificate_key} (HMAC of the normalised
 * certificate number) and the holder's ID number (its first 18 characters) for {@link PersonKeys}; the
 * certificate number itself dropped. One row per year and certificate.
 */
public final class DisabilityCertificatesStage {

    static final String HOLDER_ID_NUMBER = "holder_id_number";

    private final Pseudonymiser pseudonymiser;

    public DisabilityCertificatesStage(Pseudonymiser pseudonymiser) {
        this.pseudonymiser = pseudonymiser;
    }

    public Dataset<Row> apply(Dataset<Row> certificates) {
        Dataset<Row> normalised = certificates.withColumn("certificate_number", upper(col("certificate_number")));
        return normalised
                .withColumn("certificate_key", pseudonymiser.hmacFunction().apply(col("certificate_number")))
                .withColumn(HOLDER_ID_NUMBER, substring(col("certificate_number"), 1, 18))
                .drop("certificate_number");
    }
}
