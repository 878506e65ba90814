package cn.hangzhou.indicators.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** All extract schemas of a {@code schemas/} folder, by id ({@code department/extract}). */
public record SchemaCatalog(Map<String, ExtractSchema> schemas) {

    /** The eleven extracts of the contract, in its order. */
    public static final List<String> CONTRACT_EXTRACTS = List.of(
            "health/residents", "health/child_checkups", "health/elderly_checkups", "health/deaths", "health/childcare",
            "insurance/enrolments", "education/schools", "education/rolls", "assistance/payments",
            "assistance/disability", "reference/population");

    public SchemaCatalog {
        schemas = Map.copyOf(schemas);
    }

    public static SchemaCatalog load(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new ConfigurationException("schema folder " + folder + " does not exist",
                    "run from the project folder or set INDICATORS_HOME to it");
        }
        Map<String, ExtractSchema> loaded = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder, 2)) {
            walk.filter(path -> path.toString().endsWith(".yaml")).sorted(Comparator.naturalOrder()).forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path file : files) {
            ExtractSchema schema = YamlLoader.load(file, ExtractSchema.class);
            String expected = folder.relativize(file).toString().replace('\\', '/').replaceAll("\\.yaml$", "");
            ConfigurationException.require(schema.id().equals(expected),
                    file + " declares " + schema.id(), "move it to schemas/" + schema.id() + ".yaml or correct department/extract");
            loaded.put(schema.id(), schema);
        }
        for (String id : CONTRACT_EXTRACTS) {
            ConfigurationException.require(loaded.containsKey(id), "schema " + id + " is missing from " + folder,
                    "restore schemas/" + id + ".yaml");
        }
        return new SchemaCatalog(loaded);
    }

    public ExtractSchema get(String id) {
        ExtractSchema schema = schemas.get(id);
        if (schema == null) {
            throw new ConfigurationException("unknown extract '" + id + "'", "use one of " + CONTRACT_EXTRACTS);
        }
        return schema;
    }

    /** The schemas in the contract's order. */
    public List<ExtractSchema> inContractOrder() {
        List<ExtractSchema> ordered = new ArrayList<>();
        CONTRACT_EXTRACTS.forEach(id -> ordered.add(schemas.get(id)));
        schemas.keySet().stream().filter(id -> !CONTRACT_EXTRACTS.contains(id)).sorted().forEach(id -> ordered.add(schemas.get(id)));
        return ordered;
    }
}
