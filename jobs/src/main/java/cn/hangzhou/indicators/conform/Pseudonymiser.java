package cn.hangzhou.indicators.conform;

import cn.hangzhou.indicators.config.ResidentIdNumbers;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Keyed pseudonyms: lower-case hex HMAC-SHA256 of a value under the pipeline's secret key. Serialisable with
 * the key bytes, so that its Spark UDFs compute the same keys on every executor.
 */
public final class Pseudonymiser implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;
    private transient ThreadLocal<Mac> macs;

    public Pseudonymiser(byte[] key) {
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("a pseudonymisation key needs at least one byte");
        }
        this.key = key.clone();
    }

    /** Lower-case hex HMAC-SHA256 of the value's UTF-8 bytes; null for null. */
    public String hmac(String value) {
        if (value == null) {
            return null;
        }
        byte[] digest = mac().doFinal(value.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }

    /** The person key of a resident ID number as delivered: the HMAC of the normalised number when it is valid, else null. */
    public String personKey(String idNumber) {
        String normalised = ResidentIdNumbers.normalise(idNumber);
        return ResidentIdNumbers.isValid(normalised) ? hmac(normalised) : null;
    }

    /** {@link #personKey} as a Spark UDF on a string column. */
    public UserDefinedFunction personKeyFunction() {
        return functions.udf((UDF1<String, String>) this::personKey, DataTypes.StringType);
    }

    /** {@link #hmac} as a Spark UDF on a string column. */
    public UserDefinedFunction hmacFunction() {
        return functions.udf((UDF1<String, String>) this::hmac, DataTypes.StringType);
    }

    private Mac mac() {
        if (macs == null) {
            macs = ThreadLocal.withInitial(this::newMac);
        }
        return macs.get();
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this Java runtime", e);
        }
    }
}
