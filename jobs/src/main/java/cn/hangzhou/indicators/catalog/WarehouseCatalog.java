package cn.hangzhou.indicators.catalog;

import cn.hangzhou.indicators.config.SqlLiterals;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import cn.hangzhou.indicators.ops.WarehouseTables;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;

/**
 * The warehouse's tables under stable SQL names, registered in the session's catalog (Spark's in-memory catalog: no
 * server, the same names on every profile, a local folder or {@code s3a://}). Names follow the folders:
 * {@code analytics/silver/X} → {@code silver.X}, {@code analytics/gold/X} and {@code restricted/gold/X} →
 * {@code gold.X}, {@code analytics/quality/X} → {@code quality.X}, {@code restricted/lineage/X} → {@code lineage.X},
 * {@code restricted/bronze/X} → {@code bronze.X} ({@code _quarantine} → {@code bronze.quarantine}),
 * {@code ops/X} → {@code ops.X}, {@code restricted/audit/X} → {@code audit.X}.
 */
public final class WarehouseCatalog {

    /** The only table under restricted/ without identifiers, person keys or unsuppressed values: counts per delivery. */
    private static final String OPEN_LINEAGE_TABLE = "restricted/lineage/indicator_sources";

    private WarehouseCatalog() {
    }

    /** The Delta tables found under the warehouse, by name. */
    public static List<NamedTable> tables(SparkSession spark, WarehouseLayout layout) {
        List<NamedTable> tables = new ArrayList<>();
        for (String relative : WarehouseTables.tables(spark, layout)) {
            name(relative).ifPresent(name -> tables.add(new NamedTable(name, relative,
                    (relative.startsWith("restricted/") && !relative.equals(OPEN_LINEAGE_TABLE)))));
        }
        return tables;
    }

    /** The SQL name of a table folder, if it is one of the layout's. */
    static Optional<String> name(String relative) {
        String[] parts = relative.split("/");
        if (parts.length == 2 && parts[0].equals("ops")) {
            return Optional.of("ops." + parts[1]);
        }
        if (parts.length != 3) {
            return Optional.empty();
        }
        String table = parts[2].equals("_quarantine") ? "quarantine" : parts[2];
        if (!table.matches("[a-z0-9_]+")) {
            return Optional.empty();
        }
        return switch (parts[0] + "/" + parts[1]) {
            case "analytics/silver" -> Optional.of("silver." + table);
            case "analytics/gold", "restricted/gold" -> Optional.of("gold." + table);
            case "analytics/quality" -> Optional.of("quality." + table);
            case "restricted/lineage" -> Optional.of("lineage." + table);
            case "restricted/bronze" -> Optional.of("bronze." + table);
            case "restricted/audit" -> Optional.of("audit." + table);
            default -> Optional.empty();
        };
    }

    /**
     * Creates the databases and drops the restricted names a session may hold from an earlier query with the
     * restricted role (a test's session, the interactive prompt), so that only {@link #register} makes tables readable.
     */
    public static void prepare(SparkSession spark, List<NamedTable> tables, boolean includeRestricted) {
        for (String database : new TreeSet<>(tables.stream().map(NamedTable::database).toList())) {
            spark.sql("CREATE DATABASE IF NOT EXISTS " + SqlLiterals.identifier(database));
        }
        if (!includeRestricted) {
            for (NamedTable table : tables) {
                if (table.restricted()) {
                    spark.sql("DROP TABLE IF EXISTS " + table.quotedName());
                }
            }
        }
    }

    /**
     * Registers one table as an external Delta table of the session, so that SQL reads it by name, time travel
     * included ({@code VERSION AS OF}, {@code TIMESTAMP AS OF}). Each registration reads the table's Delta log.
     */
    public static void register(SparkSession spark, WarehouseLayout layout, NamedTable table) {
        // a session may have registered another warehouse's table under the name: external, so dropping keeps the data
        spark.sql("DROP TABLE IF EXISTS " + table.quotedName());
        spark.sql("CREATE TABLE " + table.quotedName() + " USING delta LOCATION " + SqlLiterals.stringLiteral(layout.root() + "/" + table.relative()));
    }
}
