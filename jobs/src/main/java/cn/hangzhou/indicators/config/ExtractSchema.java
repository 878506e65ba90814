package cn.hangzhou.indicators.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.nio.charset.Charset;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The machine-readable contract of one departmental extract ({@code schemas/<department>/<extract>.yaml}). */
public record ExtractSchema(String department, String extract, String title, String filePattern,
                            PeriodKind periodKind, Format format, String encoding, Boolean byteOrderMark,
                            LineEnding lineEnding, String delimiter, Quoting quoting, List<String> keyColumns,
                            List<ColumnSpec> columns) {

    /** What the period in a file name covers. */
    public enum PeriodKind {
        YEAR, MONTH;

        @JsonCreator
        public static PeriodKind parse(String value) {
            return Enumerations.parse(PeriodKind.class, value);
        }
    }

    /** How records are laid out in a file. */
    public enum Format {
        DELIMITED, JSON_LINES;

        @JsonCreator
        public static Format parse(String value) {
            return Enumerations.parse(Format.class, value);
        }
    }

    /** The line ending a department writes. */
    public enum LineEnding {
        CRLF("\r\n"), LF("\n");

        private final String characters;

        LineEnding(String characters) {
            this.characters = characters;
        }

        public String characters() {
            return characters;
        }

        @JsonCreator
        public static LineEnding parse(String value) {
            return Enumerations.parse(LineEnding.class, value);
        }
    }

    /** Whether fields are quoted (RFC 4180, only where needed) or never. */
    public enum Quoting {
        MINIMAL, NONE;

        @JsonCreator
        public static Quoting parse(String value) {
            return Enumerations.parse(Quoting.class, value);
        }
    }

    public ExtractSchema {
        ConfigurationException.require(department != null && department.matches("[a-z_]+"),
                "schema has department '" + department + "'", "use the landing folder's first level, e.g. health");
        ConfigurationException.require(extract != null && extract.matches("[a-z_]+"),
                "schema has extract '" + extract + "'", "use the landing folder's second level, e.g. residents");
        ConfigurationException.require(filePattern != null && (filePattern.contains("{yyyy}") || filePattern.contains("{yyyymm}")),
                "schema " + department + "/" + extract + " has file_pattern '" + filePattern + "' without a period",
                "put {yyyy} or {yyyymm} where the period stands in the file name");
        ConfigurationException.require(periodKind != null, "schema " + extract + " has no period_kind", "add period_kind: year or month");
        ConfigurationException.require(periodKind == PeriodKind.MONTH ? filePattern.contains("{yyyymm}") : filePattern.contains("{yyyy}"),
                "schema " + extract + ": period_kind " + periodKind + " does not match file_pattern " + filePattern,
                "use {yyyy} for year and {yyyymm} for month");
        ConfigurationException.require(format != null, "schema " + extract + " has no format", "add format: delimited or json_lines");
        ConfigurationException.require(encoding != null, "schema " + extract + " has no encoding", "add encoding: UTF-8 or GBK");
        try {
            Charset.forName(encoding);
        } catch (RuntimeException e) {
            throw new ConfigurationException("schema " + extract + " names unknown encoding '" + encoding + "'", "use UTF-8 or GBK");
        }
        byteOrderMark = byteOrderMark != null && byteOrderMark;
        lineEnding = lineEnding == null ? LineEnding.LF : lineEnding;
        quoting = quoting == null ? Quoting.MINIMAL : quoting;
        if (format == Format.DELIMITED) {
            ConfigurationException.require(delimiter != null && delimiter.length() == 1,
                    "schema " + extract + " has delimiter '" + delimiter + "'", "give a single character, e.g. \",\" or \"|\"");
        }
        ConfigurationException.require(columns != null && !columns.isEmpty(), "schema " + extract + " has no columns", "list its columns");
        columns = List.copyOf(columns);
        Set<String> names = new HashSet<>();
        Set<String> headers = new HashSet<>();
        for (ColumnSpec column : columns) {
            ConfigurationException.require(names.add(column.name()), "schema " + extract + " names column '" + column.name() + "' twice", "rename one");
            ConfigurationException.require(headers.add(column.header()), "schema " + extract + " has header '" + column.header() + "' twice", "remove one");
        }
        keyColumns = keyColumns == null ? List.of() : List.copyOf(keyColumns);
        for (String key : keyColumns) {
            ConfigurationException.require(names.contains(key), "schema " + extract + " has key column '" + key + "' that is not a column",
                    "use one of " + names);
        }
    }

    /** {@code department/extract}, the landing sub-folder and the extract's id. */
    public String id() {
        return department + "/" + extract;
    }

    public Charset charset() {
        return Charset.forName(encoding);
    }

    public List<String> headers() {
        return columns.stream().map(ColumnSpec::header).toList();
    }

    public List<String> columnNames() {
        return columns.stream().map(ColumnSpec::name).toList();
    }

    public Optional<ColumnSpec> column(String name) {
        return columns.stream().filter(column -> column.name().equals(name)).findFirst();
    }

    /** The file name for a period (and district, where the pattern has one), without {@code .gz}. */
    public String fileName(String period, String district) {
        String name = filePattern.replace("{yyyy}", period).replace("{yyyymm}", period);
        if (filePattern.contains("{district}")) {
            if (district == null) {
                throw new IllegalArgumentException(extract + " files are per district: give one");
            }
            name = name.replace("{district}", district);
        }
        return name;
    }

    /** A regular expression matching a delivered file name, with groups {@code period} and optionally {@code district}. */
    public Pattern fileNamePattern() {
        StringBuilder regex = new StringBuilder();
        Matcher placeholder = Pattern.compile("\\{(yyyy|yyyymm|district)}").matcher(filePattern);
        int last = 0;
        while (placeholder.find()) {
            regex.append(Pattern.quote(filePattern.substring(last, placeholder.start())));
            regex.append(switch (placeholder.group(1)) {
                case "yyyy" -> "(?<period>\\d{4})";
                case "yyyymm" -> "(?<period>\\d{4}(?:0[1-9]|1[0-2]))";
                default -> "(?<district>\\d{6})";
            });
            last = placeholder.end();
        }
        regex.append(Pattern.quote(filePattern.substring(last))).append("(?<gzip>\\.gz)?");
        return Pattern.compile(regex.toString());
    }

    /** Internal helper for lenient enum parsing with a clear message. */
    static final class Enumerations {
        private Enumerations() {
        }

        static <E extends Enum<E>> E parse(Class<E> type, String value) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(value)) {
                    return constant;
                }
            }
            StringBuilder allowed = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
            }
            throw new ConfigurationException("'" + value + "' is not a valid " + type.getSimpleName(), "use one of " + allowed);
        }
    }
}
