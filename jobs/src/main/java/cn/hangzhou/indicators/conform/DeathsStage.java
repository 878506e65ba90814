package cn.hangzhou.indicators.conform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.months_between;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/** {@code deaths} rows with {@code age_at_death}, completed years from birth to death (null for a death before birth); one row per certificate. */
public final class DeathsStage {

    public Dataset<Row> apply(Dataset<Row> deaths) {
        Column age = floor(months_between(col("death_date"), col("birth_date")).divide(12)).cast(DataTypes.IntegerType);
        return deaths.withColumn("age_at_death", when(age.geq(0), age));
    }
}
