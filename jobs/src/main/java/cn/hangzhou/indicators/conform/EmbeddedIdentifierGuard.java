package cn.hangzhou.indicators.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * The same rows with every text value that contains something shaped like a resident ID number (17 digits and a
 * digit or X, not part of a longer number) replaced by {@code pseudonymised:<HMAC of the value>}: a record id, a
 * student number (the national 学籍号 is often {@code G} + the pupil's ID number) or a payment id that embeds an ID
 * number never reaches silver, while equal values stay equal, so keys and references between rows still match.
 */
public final class EmbeddedIdentifierGuard {

    /** A resident ID number inside a longer text; the check character is not checked, so that near misses go too. */
    public static final String ID_NUMBER_INSIDE = "(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])";
    public static final String PREFIX = "pseudonymised:";
    /** Columns that are already keyed hashes. */
    private static final Set<String> KEYS = Set.of("person_key", "certificate_key", "_period");

    private final Pseudonymiser pseudonymiser;

    public EmbeddedIdentifierGuard(Pseudonymiser pseudonymiser) {
        this.pseudonymiser = pseudonymiser;
    }

    public Dataset<Row> apply(Dataset<Row> rows) {
        UserDefinedFunction hmac = pseudonymiser.hmacFunction();
        List<Column> columns = new ArrayList<>();
        for (StructField field : rows.schema().fields()) {
            Column value = col(field.name());
            if (field.dataType().equals(DataTypes.StringType) && !KEYS.contains(field.name())) {
                value = when(value.rlike(ID_NUMBER_INSIDE), concat(lit(PREFIX), hmac.apply(upper(trim(value)))))
                        .otherwise(value).as(field.name());
            }
            columns.add(value);
        }
        return rows.select(columns.toArray(Column[]::new));
    }
}
