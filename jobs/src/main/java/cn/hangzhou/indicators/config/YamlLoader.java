package cn.hangzhou.indicators.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads YAML configuration into validating records; snake_case keys, unknown and duplicated keys rejected. Every YAML
 * file of the project ({@code conf/pipeline.yaml}, {@code conf/quality/*.yaml}, {@code conf/indicators.yaml},
 * {@code schemas/**.yaml}) is read here.
 */
public final class YamlLoader {

    private static final Pattern DUPLICATE_FIELD = Pattern.compile("Duplicate field '(.*)'");

    // FAIL_ON_READING_DUP_TREE_KEY covers trees only; the parser's own detection covers binding to records too
    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION))
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private YamlLoader() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static <T> T load(Path file, Class<T> type) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, type, file.toString());
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("configuration file " + file + " does not exist",
                    "pass an existing file, or run from the project folder");
        } catch (IOException e) {
            throw new ConfigurationException("cannot read " + file + ": " + e.getMessage(), "check the file's permissions", e);
        }
    }

    public static <T> T read(InputStream in, Class<T> type, String source) throws IOException {
        try {
            T value = MAPPER.readValue(in, type);
            if (value == null) {
                throw new ConfigurationException(source + " is empty", "write the configuration into it");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new ConfigurationException(source + ": unknown key '" + e.getPropertyName() + "' at "
                    + location(e), "remove or rename it; the keys allowed here are: " + known, e);
        } catch (JsonMappingException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
                if (root instanceof ConfigurationException configurationException) {
                    throw new ConfigurationException(source + " at " + location(e) + ": "
                            + configurationException.getMessage(), null, e);
                }
                if (root instanceof StreamReadException parsing) {
                    throw unreadable(source, parsing);
                }
            }
            throw new ConfigurationException(source + ": bad value at " + location(e) + ": " + e.getOriginalMessage(),
                    "correct the value to the documented type", e);
        } catch (StreamReadException e) {
            throw unreadable(source, e);
        }
    }

    /** A duplicated key (the parser's strict detection) or broken syntax, with the line. */
    private static ConfigurationException unreadable(String source, StreamReadException e) {
        Matcher duplicate = DUPLICATE_FIELD.matcher(e.getOriginalMessage());
        String line = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
        if (duplicate.find()) {
            return new ConfigurationException(source + ": key '" + duplicate.group(1) + "' is given twice in the same mapping" + line
                    + ": YAML would keep only one of them", "keep one '" + duplicate.group(1) + "' (merge the two values)", e);
        }
        return new ConfigurationException(source + ": not valid YAML" + line + ": " + e.getOriginalMessage(),
                "correct the syntax (indentation, quotes, colons)", e);
    }

    private static String location(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
        String line = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
        return (path.isEmpty() ? "top level" : path) + line;
    }
}
