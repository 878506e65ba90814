package cn.hangzhou.indicators.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import cn.hangzhou.indicators.config.ColumnSpec;
import cn.hangzhou.indicators.config.ExtractSchema;
import java.io.Serializable;
import java.sql.Date;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Typed columns from bronze text, per the extract's schema; one row per input row. Every schema column keeps
 * its name: text and codes trimmed (empty is null), numbers without thousands separators or quotes, dates
 * parsed strictly by the column's format (an impossible date is null, the row stays), booleans from their
 * literals, {@code 100+} ages as 100 plus {@code <name>_open}. ID numbers are trimmed and upper-cased here
 * and replaced by keys in {@link PersonKeys}. Other columns (lineage) pass through.
 */
public final class ColumnTyping {

    private static final String INTEGER = "^-?[0-9]+$";
    private static final String DECIMAL = "^-?[0-9]+(\\.[0-9]+)?$";

    private final ExtractSchema schema;

    public ColumnTyping(ExtractSchema schema) {
        this.schema = schema;
    }

    public Dataset<Row> apply(Dataset<Row> bronze) {
        Dataset<Row> typed = bronze;
        for (ColumnSpec column : schema.columns()) {
            Column text = trimmed(col(column.name()));
            typed = switch (column.type()) {
                case TEXT, CODE -> typed.withColumn(column.name(), text);
                case ID_NUMBER -> typed.withColumn(column.name(), upper(text));
                case INTEGER -> typed.withColumn(column.name(), integer(withoutGrouping(text)));
                case DECIMAL -> typed.withColumn(column.name(), decimal(withoutGrouping(text)));
                case DATE -> typed.withColumn(column.name(), date(text, column.format()));
                case MONTH -> typed.withColumn(column.name(), when(text.rlike("^[0-9]{4}(0[1-9]|1[0-2])$"), text));
                case YEAR -> typed.withColumn(column.name(), when(text.rlike("^[0-9]{4}$"), text.cast(DataTypes.IntegerType)));
                case BOOLEAN -> typed.withColumn(column.name(), bool(text, column));
                case AGE -> typed
                        .withColumn(column.name() + "_open", when(text.isNotNull(), text.endsWith("+")))
                        .withColumn(column.name(), integer(regexp_replace(text, "\\+$", "")));
            };
        }
        return typed;
    }

    /** Without surrounding whitespace or control characters (as Java's {@code String.trim}); empty becomes null. */
    static Column trimmed(Column text) {
        return nullif(regexp_replace(text, "^[\\x00-\\x20]+|[\\x00-\\x20]+$", ""), lit(""));
    }

    private static Column withoutGrouping(Column text) {
        return nullif(regexp_replace(text, "[,\"\\s]", ""), lit(""));
    }

    private static Column integer(Column digits) {
        return when(digits.rlike(INTEGER), digits.cast(DataTypes.IntegerType));
    }

    private static Column decimal(Column digits) {
        return when(digits.rlike(DECIMAL), digits.cast(DataTypes.createDecimalType(14, 2)));
    }

    private static Column bool(Column text, ColumnSpec column) {
        Column literal = lower(text);
        return when(literal.equalTo(column.trueLiteral().toLowerCase(Locale.ROOT)), lit(true))
                .when(literal.equalTo(column.falseLiteral().toLowerCase(Locale.ROOT)), lit(false));
    }

    private static Column date(Column text, String format) {
        return functions.udf(new StrictDate(format), DataTypes.DateType).apply(text);
    }

    /** Parses a date strictly (no 30 February); Spark's own parser either rolls such dates over or fails the job. */
    static final class StrictDate implements UDF1<String, Date>, Serializable {
        private static final long serialVersionUID = 1L;
        private final String format;
        private transient DateTimeFormatter formatter;

        StrictDate(String format) {
            this.format = format;
        }

        @Override
        public Date call(String text) {
            if (text == null) {
                return null;
            }
            if (formatter == null) {
                // year-of-era 'y' needs an era under the strict resolver; 'u' is the proleptic year
                formatter = DateTimeFormatter.ofPattern(format.replace('y', 'u')).withResolverStyle(ResolverStyle.STRICT);
            }
            try {
                return Date.valueOf(LocalDate.parse(text, formatter));
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
