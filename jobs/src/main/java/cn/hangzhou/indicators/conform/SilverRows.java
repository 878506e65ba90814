package cn.hangzhou.indicators.conform;

import static org.apache.spark.sql.functions.col;

import cn.hangzhou.indicators.config.ExtractSchema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The rows of one silver table from the accepted bronze rows of its extract (schema columns as delivered text,
 * {@code _file_id}, {@code _row_number}, {@code _period}): exact duplicates merged, typed, one row per record
 * ({@link KeyResolution}), then {@link SilverStage}; the grain of the table as docs/data-model.md gives it.
 */
public final class SilverRows {

    private final ExtractSchema schema;
    private final Pseudonymiser pseudonymiser;

    public SilverRows(ExtractSchema schema, Pseudonymiser pseudonymiser) {
        this.schema = schema;
        this.pseudonymiser = pseudonymiser;
    }

    /** @param kept see {@link KeyResolution#apply(Dataset, Dataset)}; null when no period is held back */
    public Dataset<Row> apply(SilverTable table, Dataset<Row> accepted, Dataset<Row> kept) {
        Dataset<Row> typed = new ColumnTyping(schema).apply(new DuplicateMerging(schema).apply(accepted))
                .withColumn("year", table.year());
        if (table.recordPeriod() != null) {
            // the person key is needed to resolve records already: computed here once, PersonKeys keeps it
            typed = typed.withColumn("person_key", pseudonymiser.personKeyFunction().apply(col(table.idNumberColumn())))
                    .withColumn(SilverTable.RECORD_PERIOD, table.recordPeriod())
                    .withColumn(SilverTable.RECORD_PERSON, SilverTable.recordPerson());
        }
        Dataset<Row> resolved = new KeyResolution(table).apply(typed, kept);
        return new SilverStage(pseudonymiser).apply(table, resolved);
    }
}
