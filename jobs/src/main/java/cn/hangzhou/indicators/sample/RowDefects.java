package cn.hangzhou.indicators.sample;

import cn.hangzhou.indicators.config.ColumnSpec;
import cn.hangzhou.indicators.config.ColumnType;
import cn.hangzhou.indicators.config.ExtractSchema;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Injects row defects at the given rate per row and family, plus every kind still owed in its designated extract. */
final class RowDefects {

    static final int WHOLE_ROW = Integer.MAX_VALUE;
    private static final int NOT_APPLICABLE = -1;
    private static final long TAG_FAMILY = 500;
    private static final long TAG_KIND = 600;
    private static final long TAG_VARIANT = 700;
    private static final DefectKind.Family[] ORDER = {DefectKind.Family.IDENTITY, DefectKind.Family.DATE,
            DefectKind.Family.CODE, DefectKind.Family.VALUE, DefectKind.Family.DUPLICATE, DefectKind.Family.STRUCTURE};

    /** Which extract receives the guaranteed instance of each row-level kind. */
    static final Map<DefectKind, String> DESIGNATED = Map.ofEntries(
            Map.entry(DefectKind.WRONG_FIELD_COUNT, "health/elderly_checkups"),
            Map.entry(DefectKind.UNBALANCED_QUOTE, "assistance/disability"),
            Map.entry(DefectKind.EMBEDDED_NEWLINE, "health/residents"),
            Map.entry(DefectKind.ID_BAD_CHECK_CHARACTER, "health/residents"),
            Map.entry(DefectKind.ID_WRONG_LENGTH, "assistance/payments"),
            Map.entry(DefectKind.ID_LOWER_CASE_X, "health/residents"),
            Map.entry(DefectKind.ID_SURROUNDING_SPACES, "health/child_checkups"),
            Map.entry(DefectKind.IMPOSSIBLE_DATE, "health/elderly_checkups"),
            Map.entry(DefectKind.OUT_OF_PERIOD_DATE, "health/child_checkups"),
            Map.entry(DefectKind.DEATH_BEFORE_BIRTH, "health/deaths"),
            Map.entry(DefectKind.UNKNOWN_DISTRICT_CODE, "assistance/payments"),
            Map.entry(DefectKind.UNKNOWN_SCHOOL_CODE, "education/rolls"),
            Map.entry(DefectKind.UNKNOWN_SCHEME_CODE, "insurance/enrolments"),
            Map.entry(DefectKind.UNKNOWN_PROGRAMME_CODE, "assistance/payments"),
            Map.entry(DefectKind.NEGATIVE_CAPACITY, "health/childcare"),
            Map.entry(DefectKind.ABSURD_AMOUNT, "assistance/payments"),
            Map.entry(DefectKind.DUPLICATE_ROW, "health/deaths"),
            Map.entry(DefectKind.DUPLICATE_RECORD_ID_ACROSS_DELIVERIES, "health/elderly_checkups"));

    /** One applied defect: the kind and the column it touched (null for the whole row). */
    record Applied(DefectKind kind, String column) {
    }

    /** The row as it is to be written. */
    record Outcome(String[] values, int rawColumn, boolean writeTwice, List<Applied> applied) {
    }

    /** What the injector needs to know about the file being written. */
    static final class FileContext {
        final ExtractSchema schema;
        final long fileHash;
        final boolean monthly;
        final Set<DefectKind> owed;
        final int[] columns = new int[DefectKind.values().length];
        final String[] columnNames;
        final int deathColumn;
        String previousDeliveryKey;

        FileContext(ExtractSchema schema, String relativePath, Set<DefectKind> owed, String previousDeliveryKey) {
            this.schema = schema;
            this.fileHash = RandomStreams.hashText(relativePath);
            this.monthly = schema.periodKind() == ExtractSchema.PeriodKind.MONTH;
            this.owed = owed;
            this.previousDeliveryKey = previousDeliveryKey;
            this.columnNames = schema.columnNames().toArray(String[]::new);
            this.deathColumn = schema.columnNames().indexOf("death_date");
            for (DefectKind kind : DefectKind.values()) {
                columns[kind.ordinal()] = kind.rowLevel() ? staticTarget(kind, this) : NOT_APPLICABLE;
            }
        }
    }

    private final double rate;
    private final RandomStreams random;

    RowDefects(double rate, RandomStreams random) {
        this.rate = rate;
        this.random = random;
    }

    /** The kinds every run with a positive rate must contain, by designated extract. */
    static Set<DefectKind> owedKinds(String extractId) {
        Set<DefectKind> owed = EnumSet.noneOf(DefectKind.class);
        DESIGNATED.forEach((kind, extract) -> {
            if (extract.equals(extractId)) {
                owed.add(kind);
            }
        });
        return owed;
    }

    Outcome apply(FileContext file, long index, String[] row) {
        String[] values = row;
        int rawColumn = -1;
        boolean twice = false;
        List<Applied> applied = null;
        for (DefectKind.Family family : ORDER) {
            DefectKind kind = draw(file, family, index, values);
            if (kind == null) {
                continue;
            }
            int column = target(kind, file, values);
            String columnName = column == WHOLE_ROW ? null : file.columnNames[column];
            switch (kind) {
                case DUPLICATE_ROW -> twice = true;
                case WRONG_FIELD_COUNT -> values = random.below(2, TAG_VARIANT, file.fileHash, index) == 0
                        ? Arrays.copyOf(values, values.length - 1) : append(values, "");
                case UNBALANCED_QUOTE -> {
                    // a stray quote inside an unquoted field: strict RFC 4180 readers reject the row, lenient ones
                    // keep the quote as text; a quote opening the field would swallow the following rows
                    rawColumn = column;
                    values[column] = values[column].charAt(0) + "\"" + values[column].substring(1);
                }
                default -> values[column] = damage(kind, file, column, values, index);
            }
            if (applied == null) {
                applied = new ArrayList<>(2);
            }
            applied.add(new Applied(kind, columnName));
        }
        return applied == null ? null : new Outcome(values, rawColumn, twice, applied);
    }

    private DefectKind draw(FileContext file, DefectKind.Family family, long index, String[] values) {
        if (rate > 0 && random.uniform(TAG_FAMILY + family.ordinal(), file.fileHash, index) < rate) {
            List<DefectKind> candidates = new ArrayList<>();
            for (DefectKind kind : DefectKind.values()) {
                if (kind.family() == family && target(kind, file, values) != NOT_APPLICABLE) {
                    candidates.add(kind);
                }
            }
            if (!candidates.isEmpty()) {
                DefectKind kind = candidates.get(random.below(candidates.size(), TAG_KIND + family.ordinal(), file.fileHash, index));
                file.owed.remove(kind);
                return kind;
            }
        }
        if (index >= 1 && !file.owed.isEmpty()) {
            for (DefectKind kind : file.owed) {
                if (kind.family() == family && target(kind, file, values) != NOT_APPLICABLE) {
                    file.owed.remove(kind);
                    return kind;
                }
            }
        }
        return null;
    }

    /** The column a kind would damage in this row, WHOLE_ROW, or NOT_APPLICABLE. */
    private static int target(DefectKind kind, FileContext file, String[] values) {
        int column = file.columns[kind.ordinal()];
        if (column == NOT_APPLICABLE || column == WHOLE_ROW) {
            return column;
        }
        return switch (kind) {
            case ID_BAD_CHECK_CHARACTER, ID_WRONG_LENGTH, ID_SURROUNDING_SPACES ->
                    values[column] != null && values[column].length() == 18 ? column : NOT_APPLICABLE;
            case ID_LOWER_CASE_X -> values[column] != null && values[column].length() == 18 && values[column].endsWith("X")
                    ? column : NOT_APPLICABLE;
            case DUPLICATE_RECORD_ID_ACROSS_DELIVERIES -> file.previousDeliveryKey != null ? column : NOT_APPLICABLE;
            default -> column;
        };
    }

    /** The column a kind can damage in files of this extract, before looking at a row. */
    private static int staticTarget(DefectKind kind, FileContext file) {
        ExtractSchema schema = file.schema;
        boolean delimited = schema.format() == ExtractSchema.Format.DELIMITED;
        return switch (kind) {
            case WRONG_FIELD_COUNT -> delimited ? WHOLE_ROW : NOT_APPLICABLE;
            case UNBALANCED_QUOTE, EMBEDDED_NEWLINE -> delimited && schema.quoting() == ExtractSchema.Quoting.MINIMAL
                    ? firstOf(schema, "person_name", "institution_name", "school_name") : NOT_APPLICABLE;
            case ID_BAD_CHECK_CHARACTER, ID_WRONG_LENGTH, ID_SURROUNDING_SPACES, ID_LOWER_CASE_X -> idColumn(schema);
            case IMPOSSIBLE_DATE -> firstOf(schema, "check_date", "death_date", "archive_opened_date", "registration_date",
                    "enrolment_date", "entry_date", "issue_date");
            case OUT_OF_PERIOD_DATE -> file.monthly ? firstOf(schema, "check_date", "death_date") : NOT_APPLICABLE;
            case DEATH_BEFORE_BIRTH -> schema.extract().equals("deaths") ? firstOf(schema, "birth_date") : NOT_APPLICABLE;
            case UNKNOWN_DISTRICT_CODE -> {
                for (int c = 0; c < schema.columns().size(); c++) {
                    if ("districts".equals(schema.columns().get(c).codeList())) {
                        yield c;
                    }
                }
                yield NOT_APPLICABLE;
            }
            case UNKNOWN_SCHOOL_CODE -> schema.extract().equals("rolls") ? firstOf(schema, "school_id") : NOT_APPLICABLE;
            case UNKNOWN_SCHEME_CODE -> firstOf(schema, "scheme");
            case UNKNOWN_PROGRAMME_CODE -> firstOf(schema, "programme");
            case NEGATIVE_CAPACITY -> firstOf(schema, "approved_places");
            case ABSURD_AMOUNT -> firstOf(schema, "amount");
            case DUPLICATE_ROW -> WHOLE_ROW;
            case DUPLICATE_RECORD_ID_ACROSS_DELIVERIES -> file.monthly ? schema.columnNames().indexOf(schema.keyColumns().get(0)) : NOT_APPLICABLE;
            default -> NOT_APPLICABLE;
        };
    }

    private static int idColumn(ExtractSchema schema) {
        for (int c = 0; c < schema.columns().size(); c++) {
            if (schema.columns().get(c).type() == ColumnType.ID_NUMBER) {
                return c;
            }
        }
        return NOT_APPLICABLE;
    }

    private static int firstOf(ExtractSchema schema, String... names) {
        List<String> columns = schema.columnNames();
        for (String name : names) {
            int index = columns.indexOf(name);
            if (index >= 0) {
                return index;
            }
        }
        return NOT_APPLICABLE;
    }

    private String damage(DefectKind kind, FileContext file, int column, String[] values, long index) {
        String value = values[column];
        ColumnSpec spec = file.schema.columns().get(column);
        return switch (kind) {
            case ID_BAD_CHECK_CHARACTER -> {
                String checks = "10X98765432";
                yield value.substring(0, 17) + checks.charAt((checks.indexOf(value.charAt(17)) + 1 + random.below(10, TAG_VARIANT, file.fileHash, index)) % 11);
            }
            case ID_WRONG_LENGTH -> random.below(2, TAG_VARIANT, file.fileHash, index) == 0 ? value.substring(0, 17) : value + "0";
            case ID_LOWER_CASE_X -> value.substring(0, 17) + "x";
            case ID_SURROUNDING_SPACES -> " " + value + " ";
            case IMPOSSIBLE_DATE -> new DatePattern(spec.format()).render(Integer.parseInt(value.substring(0, 4)), 2, 30);
            case OUT_OF_PERIOD_DATE -> {
                DatePattern pattern = new DatePattern(spec.format());
                LocalDate date = pattern.parse(value);
                yield pattern.format(date.getMonthValue() == 1 ? date.plusMonths(1) : date.minusMonths(1));
            }
            case DEATH_BEFORE_BIRTH -> {
                DatePattern pattern = new DatePattern(spec.format());
                yield pattern.format(pattern.parse(values[file.deathColumn]).plusDays(1 + random.below(300, TAG_VARIANT, file.fileHash, index)));
            }
            case UNKNOWN_DISTRICT_CODE -> "330199";
            case UNKNOWN_SCHOOL_CODE -> "3399" + String.format("%06d", random.below(1_000_000, TAG_VARIANT, file.fileHash, index));
            case UNKNOWN_SCHEME_CODE -> "150";
            case UNKNOWN_PROGRAMME_CODE -> "医疗救助";
            case NEGATIVE_CAPACITY -> "-5";
            case ABSURD_AMOUNT -> "10,000,000.00";
            case EMBEDDED_NEWLINE -> value.length() < 2 ? value + "\n" : value.charAt(0) + "\n" + value.substring(1);
            case DUPLICATE_RECORD_ID_ACROSS_DELIVERIES -> file.previousDeliveryKey;
            default -> throw new IllegalStateException("not a value defect: " + kind);
        };
    }

    private static String[] append(String[] values, String extra) {
        String[] longer = Arrays.copyOf(values, values.length + 1);
        longer[values.length] = extra;
        return longer;
    }
}
