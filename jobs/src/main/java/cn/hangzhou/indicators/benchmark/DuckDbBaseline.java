package cn.hangzhou.indicators.benchmark;

import cn.hangzhou.indicators.config.ColumnSpec;
import cn.hangzhou.indicators.config.ExtractSchema;
import cn.hangzhou.indicators.config.ProjectHome;
import cn.hangzhou.indicators.config.SchemaCatalog;
import cn.hangzhou.indicators.ingest.LandingFile;
import cn.hangzhou.indicators.ops.StageMetrics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark's DuckDB baseline (a child process of {@code bench}, never the product): converts every extract
 * of a landing to Parquet with read_csv/read_json (stage {@code convert}, GBK files transcoded to UTF-8 first,
 * inside the timing), then runs baseline_indicators.sql (stage {@code sql}), on two threads.
 * Arguments: landing folder, work folder.
 */
public final class DuckDbBaseline {

    private static final Logger LOG = LoggerFactory.getLogger(DuckDbBaseline.class);
    private static final Set<String> NATIVE_ENCODINGS = Set.of("UTF-8", "UTF-16", "ISO-8859-1");

    private DuckDbBaseline() {
    }

    public static void main(String[] arguments) throws Exception {
        Path landing = Path.of(arguments[0]).toAbsolutePath();
        Path work = Path.of(arguments[1]).toAbsolutePath();
        BenchLanding.deleteTree(work);
        Files.createDirectories(work.resolve("parquet"));
        SchemaCatalog schemas = SchemaCatalog.load(ProjectHome.schemas(ProjectHome.locate()));
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            execute(connection, "SET threads = 2");
            execute(connection, "SET temp_directory = '" + work.resolve("spill") + "'");
            try (StageMetrics.Stage stage = StageMetrics.start("convert")) {
                for (BaselineExtract extract : BaselineExtract.of(landing, schemas)) {
                    stage.rows(convert(connection, extract, work)).bytes(extract.bytes());
                }
            }
            try (StageMetrics.Stage stage = StageMetrics.start("sql");
                 Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery(BaselineExtract.indicatorsSql());
                 Writer out = Files.newBufferedWriter(work.resolve("baseline_indicators.csv"))) {
                int columns = result.getMetaData().getColumnCount();
                long rows = 0;
                while (result.next()) {
                    List<String> values = new ArrayList<>();
                    for (int column = 1; column <= columns; column++) {
                        values.add(String.valueOf(result.getObject(column)));
                    }
                    out.write(String.join(",", values) + "\n");
                    rows++;
                }
                stage.rows(rows);
            }
        }
    }

    /** Converts one extract to {@code parquet/<table>.parquet}, registers a view of it and returns its row count. */
    private static long convert(Connection connection, BaselineExtract extract, Path work) throws SQLException, IOException {
        Path parquet = work.resolve("parquet").resolve(extract.table() + ".parquet");
        List<String> paths = readablePaths(extract, work);
        String copied = null;
        if (!paths.isEmpty()) {
            try {
                copied = copy(connection, extract, paths, parquet);
            } catch (SQLException failed) {
                LOG.warn("DuckDB cannot read every file of {} at once ({}); reading them one by one", extract.table(), failed.getMessage());
                List<String> readable = new ArrayList<>();
                for (String path : paths) {
                    try {
                        count(connection, "SELECT count(*) FROM " + source(extract, List.of(path)));
                        readable.add(path);
                    } catch (SQLException unreadable) {
                        LOG.warn("DuckDB skips {}: {}", path, unreadable.getMessage());
                    }
                }
                copied = readable.isEmpty() ? null : copy(connection, extract, readable, parquet);
            }
        }
        if (copied == null) {
            String empty = extract.columns().stream().map(column -> "CAST(NULL AS VARCHAR) AS " + column.name())
                    .collect(Collectors.joining(", "));
            execute(connection, "COPY (SELECT " + empty + ", CAST(NULL AS VARCHAR) AS file_period WHERE false) TO '" + parquet
                    + "' (FORMAT parquet)");
        }
        execute(connection, "CREATE OR REPLACE VIEW " + extract.table() + " AS SELECT * FROM read_parquet('" + parquet + "')");
        return count(connection, "SELECT count(*) FROM " + extract.table());
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static String copy(Connection connection, BaselineExtract extract, List<String> paths, Path parquet) throws SQLException {
        String source = source(extract, paths);
        List<String> present = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet described = statement.executeQuery("DESCRIBE SELECT * FROM " + source)) {
            while (described.next()) {
                present.add(described.getString(1));
            }
        }
        List<String> selected = new ArrayList<>();
        for (ColumnSpec column : extract.columns()) {
            String found = present.stream().filter(name -> name.replace("\uFEFF", "").trim().equals(column.header())).findFirst().orElse(null);
            selected.add((found == null ? "CAST(NULL AS VARCHAR)" : "CAST(\"" + found.replace("\"", "\"\"") + "\" AS VARCHAR)")
                    + " AS " + column.name());
        }
        execute(connection, "COPY (SELECT " + String.join(", ", selected) + ", regexp_extract(filename, '"
                + BaselineExtract.PERIOD_PATTERN + "', 1) AS file_period FROM " + source + ") TO '" + parquet + "' (FORMAT parquet)");
        return parquet.toString();
    }

    private static String source(BaselineExtract extract, List<String> paths) {
        String list = paths.stream().map(path -> "'" + path.replace("'", "''") + "'").collect(Collectors.joining(", ", "[", "]"));
        if (extract.schema().format() == ExtractSchema.Format.JSON_LINES) {
            String columns = extract.columns().stream().map(column -> "'" + column.header() + "': 'VARCHAR'")
                    .collect(Collectors.joining(", ", "{", "}"));
            return "read_json(" + list + ", format = 'newline_delimited', ignore_errors = true, filename = true, columns = " + columns + ")";
        }
        return "read_csv(" + list + ", delim = '" + extract.schema().delimiter() + "', header = true, all_varchar = true, "
                + "union_by_name = true, filename = true, ignore_errors = true, strict_mode = false)";
    }

    /** The files DuckDB reads: the landing files, or UTF-8 copies under {@code work/utf8} for encodings it cannot read. */
    private static List<String> readablePaths(BaselineExtract extract, Path work) throws IOException {
        List<String> paths = new ArrayList<>();
        boolean transcode = !NATIVE_ENCODINGS.contains(extract.schema().charset().name());
        for (LandingFile file : extract.files()) {
            Path path = BenchLanding.pathOf(file);
            if (!transcode) {
                paths.add(path.toString());
                continue;
            }
            Path utf8 = work.resolve("utf8").resolve(extract.table()).resolve(file.sourceName());
            Files.createDirectories(utf8.getParent());
            try (InputStream raw = Files.newInputStream(path);
                 InputStream in = file.compressed() ? new GZIPInputStream(raw, 1 << 16) : raw;
                 BufferedReader reader = new BufferedReader(new InputStreamReader(in, extract.schema().charset()), 1 << 16);
                 Writer writer = Files.newBufferedWriter(utf8, StandardCharsets.UTF_8)) {
                reader.transferTo(writer);
                paths.add(utf8.toString());
            } catch (IOException | UncheckedIOException unreadable) {
                LOG.warn("cannot transcode {} to UTF-8 for DuckDB: {}; skipped", path, unreadable.toString());
            }
        }
        return paths;
    }
}
