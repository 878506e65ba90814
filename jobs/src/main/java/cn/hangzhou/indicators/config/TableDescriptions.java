package cn.hangzhou.indicators.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code conf/tables.yaml}: the comment of each warehouse table (its grain and content) and of its columns (unit,
 * definition), by SQL name ({@code silver.residents}); {@code DESCRIBE} shows them once {@code nightly} or
 * {@code maintain} has written them into the tables' Delta metadata.
 */
public record TableDescriptions(Map<String, Map<String, String>> sharedColumns, Map<String, Table> tables) {

    /** Where the databases' names come from: {@code catalog.WarehouseCatalog}'s mapping of folders to names. */
    private static final Set<String> DATABASES = Set.of("silver", "gold", "quality", "lineage", "bronze",
            "ops", "audit");

    /** One table's comment and its columns' comments. */
    public record Table(String comment, Map<String, String> columns) {

        public Table {
            ConfigurationException.require(comment != null && !comment.isBlank(), "a table has no comment",
                    "give every table of conf/tables.yaml a comment: its grain and what a row is");
            columns = columnComments(columns);
        }
    }

    /** A copy of column name → comment, each name a lower-case identifier and each comment given. */
    private static Map<String, String> columnComments(Map<String, String> columns) {
        if (columns == null) {
            return Map.of();
        }
        columns.forEach((column, text) -> ConfigurationException.require(
                column.matches("[a-z_][a-z0-9_]*") && text != null && !text.isBlank(),
                "column '" + column + "' has a bad name or no comment",
                "name columns as the table does (lower case) and give each a comment"));
        return Map.copyOf(columns);
    }

    public TableDescriptions {
        ConfigurationException.require(tables != null && !tables.isEmpty(), "conf/tables.yaml describes no table",
                "add tables: {silver.residents: {comment: ..., columns: {...}}}");
        for (String name : tables.keySet()) {
            String[] parts = name.split("\\.");
            ConfigurationException.require(parts.length == 2 && DATABASES.contains(parts[0]) && parts[1].matches("[a-z0-9_]+"),
                    "'" + name + "' in conf/tables.yaml is not a table name",
                    "use database.table with one of the databases " + new TreeSet<>(DATABASES)
                            + ", as SHOW TABLES IN <database> lists them");
            ConfigurationException.require(tables.get(name) != null, "table '" + name + "' has no description",
                    "give it a comment");
        }
        tables = Map.copyOf(new TreeMap<>(tables));
        sharedColumns = sharedColumns == null ? Map.of() : sharedColumns;
        for (String database : sharedColumns.keySet()) {
            ConfigurationException.require(DATABASES.contains(database), "shared_columns names '" + database + "', not a database",
                    "use one of " + new TreeSet<>(DATABASES));
        }
        sharedColumns = sharedColumns.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                entry -> columnComments(entry.getValue())));
    }

    public static TableDescriptions load(Path file) {
        return YamlLoader.load(file, TableDescriptions.class);
    }

    /** The project's {@code conf/tables.yaml}. */
    public static TableDescriptions ofProject(Path projectHome) {
        return load(projectHome.resolve("conf").resolve("tables.yaml"));
    }

    /** A SHA-256 of every comment, independent of map order: it changes when and only when a comment does. */
    public String fingerprint() {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(sharedColumns).forEach((database, columns) -> new TreeMap<>(columns).forEach(
                (column, comment) -> text.append("shared\0").append(database).append('\0').append(column).append('\0').append(comment).append('\n')));
        new TreeMap<>(tables).forEach((name, table) -> {
            text.append(name).append('\0').append(table.comment()).append('\n');
            new TreeMap<>(table.columns()).forEach((column, comment) -> text.append(name).append('\0').append(column).append('\0')
                    .append(comment).append('\n'));
        });
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    public Optional<Table> table(String name) {
        return Optional.ofNullable(tables.get(name));
    }
}
