package cn.hangzhou.indicators.catalog;

import cn.hangzhou.indicators.config.SqlLiterals;
import cn.hangzhou.indicators.config.TableDescriptions;
import cn.hangzhou.indicators.ops.DeltaTables;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import cn.hangzhou.indicators.ops.WarehouseTables;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the comments of {@code conf/tables.yaml} into the warehouse's Delta tables where they differ: one commit for
 * a table's comment (Delta's description) and one for its columns' comments, none when all are already there.
 * Produces one {@link Change} per table it changed.
 *
 * <p>Reading a table's comments loads its state, about half a second a table: 20 s a night for a warehouse where
 * nothing changed. So {@code ops/table_comments.json} records, per table, the version at which its comments were
 * last found complete and the configuration they were checked against; a table still at that version is not read
 * again unless {@code verifyEvery} is set ({@code maintain}).
 */
public final class TableComments {

    private static final String COMMENT = "comment";
    /** Under the warehouse's ops area: per table, the configuration and version its comments were last checked at. */
    public static final String STATE_FILE = "table_comments.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(TableComments.class);

    /** What was written into one table: whether its comment, and which columns' comments. */
    public record Change(String table, boolean tableComment, List<String> columns) {
    }

    private final SparkSession spark;
    private final WarehouseLayout layout;
    private final TableDescriptions descriptions;
    private final boolean verifyEvery;

    public TableComments(SparkSession spark, WarehouseLayout layout, TableDescriptions descriptions, boolean verifyEvery) {
        this.spark = spark;
        this.layout = layout;
        this.descriptions = descriptions;
        this.verifyEvery = verifyEvery;
    }

    public List<Change> execute() {
        String configuration = descriptions.fingerprint();
        Map<String, String> checked = readState();
        Map<String, String> nowChecked = new TreeMap<>();
        List<Change> changes = new ArrayList<>();
        for (String relative : WarehouseTables.tables(spark, layout)) {
            Optional<String> name = WarehouseCatalog.name(relative);
            Optional<TableDescriptions.Table> description = name.flatMap(descriptions::table);
            String path = layout.root() + "/" + relative;
            if (description.isEmpty()) {
                continue;
            }
            String stamp = configuration + "@" + DeltaTables.version(spark, path).orElse(-1L);
            if (!verifyEvery && stamp.equals(checked.get(relative))) {
                nowChecked.put(relative, stamp);
                continue;
            }
            long started = System.nanoTime();
            Optional<Change> change = describe(name.get(), path, description.get());
            LOG.debug("comments of {} checked in {} ms", name.get(), (System.nanoTime() - started) / 1_000_000);
            change.ifPresent(changes::add);
            // the version moved only where comments were written
            nowChecked.put(relative, change.isEmpty() ? stamp : configuration + "@" + DeltaTables.version(spark, path).orElse(-1L));
        }
        if (!nowChecked.equals(checked)) {
            writeState(nowChecked);
        }
        return changes;
    }

    private Path statePath() {
        return new Path(layout.opsRoot() + "/" + STATE_FILE);
    }

    private Map<String, String> readState() {
        Path state = statePath();
        try {
            FileSystem fileSystem = state.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fileSystem.exists(state)) {
                return Map.of();
            }
            try (InputStream in = fileSystem.open(state)) {
                return JSON.readValue(in, new TypeReference<TreeMap<String, String>>() { });
            }
        } catch (IOException e) {
            // a damaged record costs one full check, nothing else
            LOG.warn("cannot read {} ({}): checking the comments of every table", state, e.getMessage());
            return Map.of();
        }
    }

    private void writeState(Map<String, String> state) {
        Path file = statePath();
        try {
            FileSystem fileSystem = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (OutputStream out = fileSystem.create(file, true)) {
                JSON.writerWithDefaultPrettyPrinter().writeValue(out, state);
            }
        } catch (IOException e) {
            LOG.warn("cannot write {} ({}): the next run checks the comments of every table again", file, e.getMessage());
        }
    }

    private Optional<Change> describe(String name, String path, TableDescriptions.Table description) {
        String table = SqlLiterals.qualifiedName("delta", path);
        boolean tableComment = false;
        // one DeltaTable for both reads: the description from its detail, the column comments from its schema
        DeltaTable delta = DeltaTable.forPath(spark, path);
        Object current = delta.detail().select("description").first().get(0);
        if (!description.comment().equals(current)) {
            spark.sql("ALTER TABLE " + table + " SET TBLPROPERTIES (" + SqlLiterals.stringLiteral(COMMENT) + " = "
                    + SqlLiterals.stringLiteral(description.comment()) + ")");
            tableComment = true;
        }
        List<String> columns = new ArrayList<>();
        String database = name.substring(0, name.indexOf('.'));
        Map<String, String> shared = descriptions.sharedColumns().getOrDefault(database, Map.of());
        StructField[] fields = delta.toDF().schema().fields();
        List<String> definitions = new ArrayList<>();
        for (StructField field : fields) {
            String wanted = description.columns().getOrDefault(field.name(), shared.get(field.name()));
            String present = field.metadata().contains(COMMENT) ? field.metadata().getString(COMMENT) : null;
            if (wanted != null && !wanted.equals(present)) {
                columns.add(field.name());
            }
            String comment = wanted != null ? wanted : present;
            definitions.add(SqlLiterals.identifier(field.name()) + " " + field.dataType().sql() + (field.nullable() ? "" : " NOT NULL")
                    + (comment == null ? "" : " COMMENT " + SqlLiterals.stringLiteral(comment)));
        }
        if (!columns.isEmpty()) {
            // one commit for all columns: the same names, types and nullability, only the comments differ
            spark.sql("ALTER TABLE " + table + " REPLACE COLUMNS (" + String.join(", ", definitions) + ")");
        }
        return tableComment || !columns.isEmpty() ? Optional.of(new Change(name, tableComment, columns)) : Optional.empty();
    }
}
