package cn.hangzhou.indicators.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import cn.hangzhou.indicators.config.SqlLiterals;
import cn.hangzhou.indicators.ops.DeltaTables;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes a silver table's rows for some periods, replacing exactly the periods whose content differs from
 * what the table holds (Delta {@code replaceWhere} on {@code _period}, one commit; the session marks it with the
 * run id); a table whose periods are unchanged gets no new version.
 */
final class PeriodReplacement {

    private final SparkSession spark;

    PeriodReplacement(SparkSession spark) {
        this.spark = spark;
    }

    /** Replaces the periods among {@code periods} whose rows differ; {@code rows} holds only rows of {@code periods}. Returns the periods written. */
    Set<String> replaceChanged(String path, Dataset<Row> rows, Set<String> periods) {
        if (periods.isEmpty()) {
            return Set.of();
        }
        boolean exists = DeltaTables.exists(spark, path);
        Map<String, String> now = fingerprints(rows);
        Map<String, String> before = exists
                ? fingerprints(spark.read().format("delta").load(path)
                        .filter(col("_period").isin(periods.toArray()))
                        .select(Arrays.stream(rows.columns()).map(name -> col(name)).toArray(Column[]::new)))
                : Map.of();
        Set<String> changed = periods.stream().filter(period -> !Objects.equals(now.get(period), before.get(period)))
                .collect(Collectors.toCollection(TreeSet::new));
        if (changed.isEmpty()) {
            return changed;
        }
        var writer = rows.filter(col("_period").isin(changed.toArray())).write().format("delta");
        if (exists) {
            String predicate = "_period IN " + SqlLiterals.stringList(changed);
            writer.mode(SaveMode.Overwrite).option("replaceWhere", predicate).save(path);
        } else {
            // silver is read by period (conform) and by year (compute)
            List<String> filtered = Arrays.stream(rows.columns()).filter(name -> name.equals("_period") || name.equals("year")).toList();
            if (filtered.isEmpty()) {
                writer.mode(SaveMode.ErrorIfExists).save(path);
            } else {
                DeltaTables.createWithStatisticsOn(spark, filtered, () -> writer.mode(SaveMode.ErrorIfExists).save(path));
            }
        }
        return changed;
    }

    /** Per period, the row count and an order-independent hash of every row. */
    private static Map<String, String> fingerprints(Dataset<Row> rows) {
        Column[] all = Arrays.stream(rows.columns()).map(name -> col(name)).toArray(Column[]::new);
        Map<String, String> fingerprints = new HashMap<>();
        for (Row row : rows.groupBy("_period").agg(count(lit(1)), sum(xxhash64(all))).collectAsList()) {
            fingerprints.put(row.getString(0), row.getLong(1) + ":" + row.get(2));
        }
        return fingerprints;
    }
}
