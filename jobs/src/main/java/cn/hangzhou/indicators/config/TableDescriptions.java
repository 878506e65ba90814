package cn.hangzhou.indicators.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code conf/tables.yaml}: the comment of each warehouse table (its grain and content) and of its columns (unit,
 * definition), by SQL name ({@code silver.residents}); {@code DESCRIBE} shows them once {@code nightly} or
 * {@code maintain} has written them into the tables' Delta metadata.
 */
public record TableDescriptions(Map<String, Map<String, String>> sharedColumns, Map<String, Table> tables) {

    /** Where the databases' names come from: {@code catalog.WarehouseCatalog}'s mapping of folders to names. */
    private static final java.util.Set<String> DATABASES = java.util.Set.of("silver", "gold", "quality", "lineage", "bronze",
            "ops", "audit");

    /** One table's comment and its columns' comments. */
    public record Table(String comment, Map<String, String> columns) {

        public Table {
            ConfigurationException.require(comment != null && !comment.isBlank(), "a table has no comment",
                    "give every table of conf/tables.yaml a comment: its grain and what a row is");
            columns = columns == null ? Map.of() : Map.copyOf(columns);
            columns.forEach((column, text) -> ConfigurationException.require(
                    column.matches("[a-z_][a-z0-9_]*") && text != null && !text.isBlank(),
                    "column '" + column + "' has a bad name or no comment",
                    "name columns as the table does (lower case) and give each a comment"));
        }
    }

    public TableDescriptions {
        ConfigurationException.require(tables != null && !tables.isEmpty(), "conf/tables.yaml describes no table",
                "add tables: {silver.residents: {comment: ..., columns: {...}}}");
        for (String name : tables.keySet()) {
            String[] parts = name.split("\\.");
            ConfigurationException.require(parts.length == 2 && DATABASES.contains(parts[0]) && parts[1].matches("[a-z0-9_]+"),
                    "'" + name + "' in conf/tables.yaml is not a table name",
                    "use database.table with one of the databases " + new java.util.TreeSet<>(DATABASES)
                            + ", as SHOW TABLES IN <database> lists them");
            ConfigurationException.require(tables.get(name) != null, "table '" + name + "' has no description",
                    "give it a comment");
        }
        tables = Map.copyOf(new TreeMap<>(tables));
        sharedColumns = sharedColumns == null ? Map.of() : Map.copyOf(sharedColumns);
        for (Map.Entry<String, Map<String, String>> database : sharedColumns.entrySet()) {
            ConfigurationException.require(DATABASES.contains(database.getKey()),
                    "shared_columns names '" + database.getKey() + "', not a database",
                    "use one of " + new java.util.TreeSet<>(DATABASES));
            new Table("shared columns of " + database.getKey(), database.getValue());
        }
        sharedColumns = sharedColumns.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                Map.Entry::getKey, entry -> entry.getValue() == null ? Map.of() : Map.copyOf(entry.getValue())));
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
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    public Optional<Table> table(String name) {
        return Optional.ofNullable(tables.get(name));
    }
}
