package cn.hangzhou.indicators.indicators;

import cn.hangzhou.indicators.config.ConfigurationException;
import cn.hangzhou.indicators.config.ProjectHome;
import cn.hangzhou.indicators.config.SqlCondition;
import cn.hangzhou.indicators.config.SqlLiterals;
import cn.hangzhou.indicators.config.YamlLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The indicator catalogue {@code conf/indicators.yaml}, validated and resolved against its SQL resources and the
 * plan's {@code seed_indicators.csv}. Adding a ratio or count indicator is a YAML entry and a SQL file.
 */
public record IndicatorCatalogue(List<Indicator> indicators) {

    /** Where the SQL of the catalogue lives on the class path. */
    public static final String SQL_FOLDER = "/cn/hangzhou/indicators/indicators/";

    /** {@code ${name:kind}}: how the value goes into the SQL, checked when the catalogue loads. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+):(string|integer|table|condition)}");
    private static final Pattern ANY_PLACEHOLDER = Pattern.compile("\\$\\{[^}]*}?");
    private static final Pattern TABLE_NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,9}");

    /** The file as written: a list under {@code indicators}. */
    public record File(List<IndicatorDefinition> indicators) {
        public File {
            ConfigurationException.require(indicators != null && !indicators.isEmpty(), "the indicator catalogue is empty",
                    "list the indicators under indicators:");
        }
    }

    public IndicatorCatalogue {
        indicators = List.copyOf(indicators);
    }

    /** {@code conf/indicators.yaml} and {@code conf/reference/seed_indicators.csv} of the project. */
    public static IndicatorCatalogue load(Path projectHome) {
        return load(projectHome.resolve("conf").resolve("indicators.yaml"),
                ProjectHome.reference(projectHome).resolve("seed_indicators.csv"));
    }

    public static IndicatorCatalogue load(Path catalogueFile, Path seedFile) {
        File file = YamlLoader.load(catalogueFile, File.class);
        SeedIndicators seeds = SeedIndicators.load(seedFile);
        List<Indicator> resolved = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (IndicatorDefinition definition : file.indicators()) {
            ConfigurationException.require(ids.add(definition.id()), catalogueFile + ": indicator " + definition.id() + " is listed twice",
                    "keep one entry per id");
            Optional<SeedIndicators.Seed> seed = seeds.seed(definition.id());
            ConfigurationException.require(seed.isPresent() || definition.id().startsWith("S-"),
                    catalogueFile + ": indicator " + definition.id() + " is not in " + seedFile,
                    "use the plan's id (supplementary indicators start with S-)");
            Set<String> used = new HashSet<>();
            String sqlText = resolveSql(definition, definition.sql(), used);
            String lineageSqlText = definition.lineageSql() == null ? null : resolveSql(definition, definition.lineageSql(), used);
            for (String name : definition.parameters().keySet()) {
                ConfigurationException.require(used.contains(name), "indicator " + definition.id() + ": parameter '" + name
                        + "' is not used by " + definition.sql() + (definition.lineageSql() == null ? "" : " nor " + definition.lineageSql()),
                        "remove it or use ${" + name + "} in the SQL");
            }
            String target = seed.map(SeedIndicators.Seed::target2025).orElse(null);
            resolved.add(new Indicator(definition, sqlText, seed.map(SeedIndicators.Seed::value2020).orElse(null), target,
                    TargetRule.parse(target), version(definition, sqlText),
                    lineageSqlText));
        }
        return new IndicatorCatalogue(resolved);
    }

    public Indicator get(String id) {
        return indicators.stream().filter(indicator -> indicator.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no indicator " + id + " in the catalogue"));
    }

    /** The catalogue entry a reported id ({@code S-02/低保} included) belongs to. */
    public Indicator byReportedId(String reportedId) {
        int slash = reportedId.indexOf('/');
        return get(slash < 0 ? reportedId : reportedId.substring(0, slash));
    }

    /** Every reported id in catalogue order. */
    public List<String> reportedIds() {
        return indicators.stream().flatMap(indicator -> indicator.reportedIds().stream()).toList();
    }

    /** The resource's text with its parameters filled in; the names used are added to {@code used}. */
    private static String resolveSql(IndicatorDefinition definition, String file, Set<String> used) {
        String resource = SQL_FOLDER + file;
        String text;
        try (InputStream in = IndicatorCatalogue.class.getResourceAsStream(resource)) {
            ConfigurationException.require(in != null, "indicator " + definition.id() + ": SQL resource " + resource + " does not exist",
                    "add it under jobs/src/main/resources" + SQL_FOLDER);
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher untyped = ANY_PLACEHOLDER.matcher(PLACEHOLDER.matcher(text).replaceAll(""));
        ConfigurationException.require(!untyped.find(), resource + " has the placeholder " + (untyped.hitEnd() ? text : untyped.group())
                + " without a kind", "write ${name:string}, ${name:integer}, ${name:table} or ${name:condition}");
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = definition.parameters().get(name);
            ConfigurationException.require(value != null, "indicator " + definition.id() + ": " + file
                    + " uses ${" + name + "} but the catalogue gives no such parameter", "add parameters: {" + name + ": ...}");
            used.add(name);
            matcher.appendReplacement(result, Matcher.quoteReplacement(sqlValue(definition, name, matcher.group(2), value)));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    /** The parameter's value as SQL text of its kind, or a failure naming the indicator, the parameter and the fix. */
    private static String sqlValue(IndicatorDefinition definition, String name, String kind, String value) {
        String where = "indicator " + definition.id() + ": parameter " + name + " = \"" + value + "\"";
        return switch (kind) {
            case "string" -> SqlLiterals.stringLiteral(value);
            case "integer" -> {
                ConfigurationException.require(INTEGER.matcher(value).matches(), where + " is not an integer", "write a whole number, e.g. \"65\"");
                yield value;
            }
            case "table" -> {
                ConfigurationException.require(TABLE_NAME.matcher(value).matches(), where + " is not a table name",
                        "name a silver table in lower case, e.g. child_checkups");
                yield value;
            }
            default -> {
                try {
                    yield SqlCondition.check(value);
                } catch (IllegalArgumentException e) {
                    throw new ConfigurationException(where + " is not an allowed condition: " + e.getMessage(),
                            "write " + SqlCondition.GRAMMAR + " (docs/reliability.md)");
                }
            }
        };
    }

    /** SHA-256 over everything that defines the value: the catalogue entry's fields and the resolved SQL. */
    private static String version(IndicatorDefinition definition, String sqlText) {
        String text = String.join("\n", definition.id(), definition.unit(), definition.kind().name(), definition.numerator(),
                String.valueOf(definition.denominator()), definition.factor().toString(), definition.disclosure().name(),
                String.valueOf(definition.breakdown()), String.valueOf(new TreeMap<>(definition.parameters())), sqlText);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
