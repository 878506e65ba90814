package cn.hangzhou.indicators.conform;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code assistance_payments} with reversals matched to the payments they reverse, across periods: one row per
 * payment_id with {@code is_reversal}, {@code reversed_by_payment_id} and {@code net_amount} (see the SQL).
 */
public final class PaymentReversalStage {

    public Dataset<Row> apply(Dataset<Row> payments) {
        return SqlStatements.run("payment_reversals.sql", "conform_payments", payments);
    }
}
