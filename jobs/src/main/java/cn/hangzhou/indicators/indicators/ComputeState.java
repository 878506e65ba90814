package cn.hangzhou.indicators.indicators;

import cn.hangzhou.indicators.ops.DeltaTables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code ops/compute_state}: what the stored values of each year were computed from. Rows without year fingerprint
 * whole inputs (a silver table's or the manifest's latest commit, the catalogue); a row per silver table and year
 * holds that year's rows' fingerprint and their deliveries' worst quality status.
 */
public record ComputeState(Map<String, String> inputs, Map<Integer, Map<String, YearInput>> years, Map<Integer, String> runIds) {

    /** The inputs that are not silver tables. */
    public static final String MANIFEST = "ingest_manifest";
    public static final String CATALOGUE = "catalogue";

    public static final StructType SCHEMA = new StructType()
            .add("input", DataTypes.StringType, false)
            .add("year", DataTypes.IntegerType, true)
            .add("fingerprint", DataTypes.StringType, false)
            .add("quality_status", DataTypes.StringType, true)
            .add("run_id", DataTypes.StringType, true);

    /** One silver table's rows of one year: row count and order-independent hash, and the deliveries' worst status. */
    public record YearInput(String rowsFingerprint, String qualityStatus) {
    }

    public ComputeState {
        inputs = Map.copyOf(inputs);
        years = Map.copyOf(years);
        runIds = Map.copyOf(runIds);
    }

    public static ComputeState empty() {
        return new ComputeState(Map.of(), Map.of(), Map.of());
    }

    public static ComputeState read(SparkSession spark, String path) {
        if (!DeltaTables.exists(spark, path)) {
            return empty();
        }
        Map<String, String> inputs = new TreeMap<>();
        Map<Integer, Map<String, YearInput>> years = new TreeMap<>();
        Map<Integer, String> runIds = new TreeMap<>();
        for (Row row : spark.read().format("delta").load(path).collectAsList()) {
            String input = row.getAs("input");
            if (row.isNullAt(row.fieldIndex("year"))) {
                inputs.put(input, row.getAs("fingerprint"));
                continue;
            }
            int year = row.<Integer>getAs("year");
            years.computeIfAbsent(year, key -> new TreeMap<>()).put(input,
                    new YearInput(row.getAs("fingerprint"), row.getAs("quality_status")));
            runIds.put(year, row.getAs("run_id"));
        }
        return new ComputeState(inputs, years, runIds);
    }

    /** Replaces the table by this state in one small file. */
    public void write(SparkSession spark, String path, String runId) {
        List<Row> rows = new ArrayList<>();
        new TreeMap<>(inputs).forEach((input, fingerprint) -> rows.add(RowFactory.create(input, null, fingerprint, null, runId)));
        new TreeMap<>(years).forEach((year, tables) -> new TreeMap<>(tables).forEach((table, input) ->
                rows.add(RowFactory.create(table, year, input.rowsFingerprint(), input.qualityStatus(), runIds.get(year)))));
        spark.createDataFrame(rows, SCHEMA).coalesce(1).write().format("delta").mode(SaveMode.Overwrite).save(path);
    }

    /** The years whose inputs differ from {@code previous} (every year when the catalogue or code changed). */
    public List<Integer> changedYears(ComputeState previous) {
        boolean catalogueChanged = !Objects.equals(inputs.get(CATALOGUE), previous.inputs().get(CATALOGUE));
        TreeSet<Integer> changed = new TreeSet<>();
        years.forEach((year, tables) -> {
            if (catalogueChanged || !tables.equals(previous.years().get(year))) {
                changed.add(year);
            }
        });
        return List.copyOf(changed);
    }

    /** The years {@code previous} was computed for that no silver table has rows of any more. */
    public List<Integer> removedYears(ComputeState previous) {
        TreeSet<Integer> removed = new TreeSet<>(previous.years().keySet());
        removed.removeAll(years.keySet());
        return List.copyOf(removed);
    }

    /** Same inputs and years, whichever runs recorded them. */
    public boolean sameInputsAs(ComputeState other) {
        return inputs.equals(other.inputs()) && years.equals(other.years());
    }
}
