package cn.hangzhou.indicators.conform;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code resident_register} from silver {@code residents}: one row per year and person (at the managed archive
 * opened last), plus one row per managed archive without a valid person key; columns as {@code residents}.
 */
public final class ResidentRegisterStage {

    public Dataset<Row> apply(Dataset<Row> residents) {
        return SqlStatements.run("resident_register.sql", "conform_residents", residents);
    }
}
