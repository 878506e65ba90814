package cn.hangzhou.indicators.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

import cn.hangzhou.indicators.config.ExtractSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Bronze rows with exact duplicates inside one file merged: one row per file and distinct delivered record,
 * with {@code _sources} listing every bronze row it stands for, {@code _row_number} the last of them, and
 * {@code _file_id}, {@code _period}; the schema's columns still text as delivered.
 */
public final class DuplicateMerging {

    private final ExtractSchema schema;

    public DuplicateMerging(ExtractSchema schema) {
        this.schema = schema;
    }

    public Dataset<Row> apply(Dataset<Row> bronze) {
        List<Column> grouping = new ArrayList<>(List.of(col("_file_id"), col("_period")));
        schema.columnNames().forEach(name -> grouping.add(col(name)));
        return bronze
                .groupBy(grouping.toArray(Column[]::new))
                .agg(max("_row_number").as("_row_number"),
                        sort_array(collect_list(struct(col("_file_id").as("file_id"), col("_row_number").as("row_number"))))
                                .as("_sources"));
    }
}
