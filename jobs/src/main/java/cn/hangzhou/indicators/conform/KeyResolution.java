package cn.hangzhou.indicators.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One row per business key (the silver table's grain): of the rows sharing a key, the one from the later
 * period, then the later row of its file. Rows with an empty key column are kept each as they are.
 */
public final class KeyResolution {

    private static final Logger LOG = LoggerFactory.getLogger(KeyResolution.class);

    private final String table;
    private final List<String> grain;

    public KeyResolution(String table, List<String> grain) {
        this.table = table;
        this.grain = List.copyOf(grain);
    }

    public Dataset<Row> apply(Dataset<Row> rows) {
        return apply(rows, null);
    }

    /**
     * @param kept keys (grain columns, {@code _period}, {@code _row_number}) of rows that stay elsewhere (silver rows
     *             of held-back periods): a row they supersede is dropped, and they are not part of the result
     */
    public Dataset<Row> apply(Dataset<Row> rows, Dataset<Row> kept) {
        Dataset<Row> candidates = rows.withColumn("_kept", lit(false));
        if (kept != null) {
            candidates = candidates.unionByName(kept.withColumn("_kept", lit(true)), true);
        }
        WindowSpec byKey = Window.partitionBy(grain.stream().map(name -> col(name)).toArray(Column[]::new))
                .orderBy(col("_period").desc(), col("_row_number").desc());
        Column keyComplete = grain.stream().map(name -> col(name).isNotNull()).reduce(Column::and).orElse(lit(true));
        // no count of the superseded rows for the log: it would cost a pass over every row
        Dataset<Row> ranked = candidates.withColumn("_rank", row_number().over(byKey));
        LOG.debug("{}: rows superseded by a row with the same {} from a later period or later in the file are dropped", table, grain);
        return ranked.filter(functions.not(keyComplete).or(col("_rank").equalTo(1)))
                .filter(functions.not(col("_kept")))
                .drop("_rank", "_kept");
    }
}
