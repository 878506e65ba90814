package cn.hangzhou.indicators.conform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Replaces an ID number column by {@code person_key} (HMAC of the normalised number, only when it passes
 * GB 11643) and {@code id_valid}; fills {@code sex} and {@code birth_date} from a valid ID number where the
 * department gives none (digits 7-14 the birth date, digit 17 odd = male {@code 1}). Same rows, the ID number
 * column dropped.
 */
public final class PersonKeys {

    private final Pseudonymiser pseudonymiser;

    public PersonKeys(Pseudonymiser pseudonymiser) {
        this.pseudonymiser = pseudonymiser;
    }

    public Dataset<Row> apply(Dataset<Row> rows, String idNumberColumn) {
        return apply(rows, idNumberColumn, false);
    }

    /**
     * @param idBirthDateFirst take the birth date from a valid ID number even where the department gives one (deaths:
     *                         the definitions' age is from the register or the ID number, not from the certificate)
     */
    public Dataset<Row> apply(Dataset<Row> rows, String idNumberColumn, boolean idBirthDateFirst) {
        // a person_key computed earlier (for resolving record ids, ConformRunner) is kept rather than hashed again
        Column personKey = Arrays.asList(rows.columns()).contains("person_key") ? col("person_key")
                : pseudonymiser.personKeyFunction().apply(col(idNumberColumn));
        Dataset<Row> keyed = rows.withColumn("person_key", personKey)
                .withColumn("id_valid", col("person_key").isNotNull());
        Column validId = when(col("id_valid"), upper(ColumnTyping.trimmed(col(idNumberColumn))));
        Column derivedSex = when(substring(validId, 17, 1).cast("int").mod(2).equalTo(1), lit("1"))
                .when(validId.isNotNull(), lit("2"));
        Column derivedBirthDate = to_date(substring(validId, 7, 8), "yyyyMMdd");
        boolean hasSex = Arrays.asList(rows.columns()).contains("sex");
        boolean hasBirthDate = Arrays.asList(rows.columns()).contains("birth_date");
        return keyed
                .withColumn("sex", hasSex ? coalesce(col("sex"), derivedSex) : derivedSex)
                .withColumn("birth_date", !hasBirthDate ? derivedBirthDate
                        : idBirthDateFirst ? coalesce(derivedBirthDate, col("birth_date")) : coalesce(col("birth_date"), derivedBirthDate))
                .drop(idNumberColumn);
    }
}
