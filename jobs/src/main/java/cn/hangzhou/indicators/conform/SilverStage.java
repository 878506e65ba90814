package cn.hangzhou.indicators.conform;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The rows of one silver table from its resolved, typed rows (one per record, {@link KeyResolution}): person keys instead of ID
 * numbers, the table's own columns, then exactly the data model's columns, {@code _sources} and {@code _period};
 * text that embeds an ID number pseudonymised ({@link EmbeddedIdentifierGuard}).
 */
public final class SilverStage {

    private final Pseudonymiser pseudonymiser;
    private final PersonKeys personKeys;

    public SilverStage(Pseudonymiser pseudonymiser) {
        this.pseudonymiser = pseudonymiser;
        this.personKeys = new PersonKeys(pseudonymiser);
    }

    public Dataset<Row> apply(SilverTable table, Dataset<Row> resolved) {
        Dataset<Row> rows = table == SilverTable.DISABILITY_CERTIFICATES
                ? new DisabilityCertificatesStage(pseudonymiser).apply(resolved) : resolved;
        if (table.idNumberColumn() != null) {
            rows = personKeys.apply(rows, table.idNumberColumn(), table == SilverTable.DEATHS);
        }
        rows = switch (table) {
            case DEATHS -> new DeathsStage().apply(rows);
            case ASSISTANCE_PAYMENTS -> new PaymentReversalStage().apply(rows);
            default -> rows;
        };
        List<Column> columns = new ArrayList<>();
        // persons is the one count the data model keeps as long
        table.columns().forEach(name -> columns.add(name.equals("persons") ? col(name).cast(DataTypes.LongType) : col(name)));
        columns.add(col("_sources"));
        columns.add(col("_period"));
        return new EmbeddedIdentifierGuard(pseudonymiser).apply(rows.select(columns.toArray(Column[]::new)));
    }
}
