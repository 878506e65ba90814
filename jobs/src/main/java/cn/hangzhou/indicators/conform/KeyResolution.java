package cn.hangzhou.indicators.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * One row per record of a silver table (its resolution grain, and within one delivered file its person): of the
 * rows of one file sharing the key and the person ({@link SilverTable#rowPerson}), the first by the table's
 * {@link SilverTable#versionOrder}, then the later row; of the rows sharing the grain across files, those of the
 * file holding the latest row (later period, then later row). Rows of different persons under one key in one file all
 * stay. Rows with an empty key column are kept each as they are.
 */
public final class KeyResolution {

    private final SilverTable table;

    public KeyResolution(SilverTable table) {
        this.table = table;
    }

    public Dataset<Row> apply(Dataset<Row> rows) {
        return apply(rows, null);
    }

    /**
     * @param kept keys (grain columns, {@code _file_id}, {@code _period}, {@code _row_number}) of rows that stay elsewhere
     *             (silver rows of held-back periods): a row they supersede is dropped, and they are not part of the result
     */
    public Dataset<Row> apply(Dataset<Row> rows, Dataset<Row> kept) {
        List<String> grain = table.resolutionGrain();
        Column keyComplete = grain.stream().map(name -> col(name).isNotNull()).reduce(Column::and).orElse(lit(true));
        Dataset<Row> candidates = oneVersionPerPersonInFile(rows, grain, keyComplete).withColumn("_kept", lit(false));
        if (kept != null) {
            candidates = candidates.unionByName(kept.withColumn("_kept", lit(true)), true);
        }
        Column latestFile = first(col("_file_id")).over(Window.partitionBy(columns(grain))
                .orderBy(col("_period").desc(), col("_row_number").desc()));
        return candidates.withColumn("_latest_file", latestFile)
                .filter(functions.not(keyComplete).or(col("_file_id").equalTo(col("_latest_file"))))
                .filter(functions.not(col("_kept")))
                .drop("_latest_file", "_kept");
    }

    /** Of the rows of one file sharing the grain and the person, the one the table's version order puts first. */
    private Dataset<Row> oneVersionPerPersonInFile(Dataset<Row> rows, List<String> grain, Column keyComplete) {
        List<Column> sameRecord = new ArrayList<>(List.of(col("_file_id")));
        sameRecord.addAll(List.of(columns(grain)));
        if (table.rowPerson() != null) {
            sameRecord.add(table.rowPerson());
        }
        List<Column> order = new ArrayList<>(table.versionOrder());
        order.add(col("_row_number").desc());
        return rows.withColumn("_version", row_number().over(Window.partitionBy(sameRecord.toArray(Column[]::new))
                        .orderBy(order.toArray(Column[]::new))))
                .filter(functions.not(keyComplete).or(col("_version").equalTo(1)))
                .drop("_version");
    }

    private static Column[] columns(List<String> names) {
        return names.stream().map(name -> col(name)).toArray(Column[]::new);
    }
}
