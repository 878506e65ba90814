package cn.hangzhou.indicators.ops;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Writes {@code ops/runs}: one row per run with its command, outcome, code version, configuration hash and,
 * for every table of the warehouse, the Delta version the run started from and the one it left.
 */
public final class RunRecorder {

    public static final StructType TABLE_VERSION = new StructType()
            .add("table", DataTypes.StringType, false)
            .add("version_before", DataTypes.LongType, true)
            .add("version_after", DataTypes.LongType, true);

    public static final StructType SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("command", DataTypes.StringType, false)
            .add("arguments", DataTypes.createArrayType(DataTypes.StringType), false)
            .add("started_at", DataTypes.TimestampType, false)
            .add("ended_at", DataTypes.TimestampType, false)
            .add("exit_code", DataTypes.IntegerType, false)
            .add("outcome", DataTypes.StringType, false)
            .add("message", DataTypes.StringType, true)
            .add("code_version", DataTypes.StringType, false)
            .add("configuration_hash", DataTypes.StringType, false)
            .add("tables", DataTypes.createArrayType(TABLE_VERSION), false);

    private RunRecorder() {
    }

    /** Appends the run's record; {@code before} and {@code after} are {@link WarehouseTables#versions} snapshots. */
    public static void record(SparkSession spark, WarehouseLayout layout, RunContext run, int exitCode, String outcome,
                              String message, String codeVersion, String configurationHash,
                              Map<String, Long> before, Map<String, Long> after) {
        List<Row> tables = new ArrayList<>();
        java.util.TreeSet<String> names = new java.util.TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        for (String table : names) {
            tables.add(RowFactory.create(table, before.get(table), after.get(table)));
        }
        Row row = RowFactory.create(run.runId(), run.command(), run.arguments().toArray(new String[0]),
                Timestamp.from(run.startedAt()), Timestamp.from(Instant.now()), exitCode, outcome, message,
                codeVersion, configurationHash, tables.toArray());
        Dataset<Row> frame = spark.createDataFrame(List.of(row), SCHEMA);
        frame.write().format("delta").mode(SaveMode.Append).save(layout.runs());
    }
}
