package cn.hangzhou.indicators.sample;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.config.ColumnSpec;
import cn.hangzhou.indicators.config.ExtractSchema;
import cn.hangzhou.indicators.config.ResidentIdNumbers;
import cn.hangzhou.indicators.testing.ProjectFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every generated file is written exactly as the contract and its schema say (encoding, layout, values). */
class SampleFormatTest {

    @TempDir
    static Path out;
    static GeneratedTree tree;
    static Set<String> districts;

    @BeforeAll
    static void generate() {
        GeneratedTree.generate(out, 0.0005, 2021, 2022, 7, 0.002);
        tree = new GeneratedTree(out);
        districts = Set.copyOf(ProjectFiles.reference().districtCodes());
    }

    @Test
    void writesEveryExtractForEveryPeriod() {
        for (ExtractSchema schema : GeneratedTree.SCHEMAS.inContractOrder()) {
            int expected = schema.periodKind() == ExtractSchema.PeriodKind.MONTH ? 24
                    : schema.filePattern().contains("{district}") ? 26 : 2;
            List<String> files = tree.files(schema.id());
            int late = (int) tree.defects.stream().filter(d -> d.kind().equals("late_file") && d.file().contains(schema.id() + "/")).count();
            assertThat(files).as(schema.id()).hasSize(expected - late);
            files.forEach(file -> assertThat(schema.fileNamePattern().matcher(file.substring(file.lastIndexOf('/') + 1)).matches())
                    .as(file).isTrue());
        }
    }

    @Test
    void aboutOneFileInFiveIsGzipped() {
        List<String> files = tree.allFiles().stream().filter(f -> !f.startsWith("_")).toList();
        long gzipped = files.stream().filter(f -> f.endsWith(".gz")).count();
        assertThat((double) gzipped / files.size()).isBetween(0.1, 0.3);
    }

    @Test
    void residentsHaveByteOrderMarkAndCrLfAndOthersNeither() {
        for (ExtractSchema schema : GeneratedTree.SCHEMAS.inContractOrder()) {
            for (String file : cleanFiles(schema)) {
                byte[] bytes = tree.bytes(file);
                boolean bom = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF;
                assertThat(bom).as(file + " byte order mark").isEqualTo(schema.byteOrderMark());
                String text = new String(bytes, StandardCharsets.ISO_8859_1);
                long newlines = text.chars().filter(c -> c == '\n').count();
                long crlf = text.split("\r\n", -1).length - 1;
                if (schema.lineEnding() == ExtractSchema.LineEnding.CRLF) {
                    long embedded = tree.defects.stream().filter(d -> d.file().equals(file) && d.kind().equals("embedded_newline")).count();
                    assertThat(crlf).as(file + " CRLF line ends").isEqualTo(newlines - embedded);
                } else {
                    assertThat(crlf).as(file + " LF line ends").isZero();
                }
            }
        }
    }

    @Test
    void filesDecodeStrictlyAndHeadersFollowTheSchema() {
        for (ExtractSchema schema : GeneratedTree.SCHEMAS.inContractOrder()) {
            for (String file : cleanFiles(schema)) {
                String text = tree.text(file, schema);
                if (schema.format() == ExtractSchema.Format.DELIMITED) {
                    assertThat(GeneratedTree.lines(text).get(0)).as(file).isEqualTo(String.join(schema.delimiter(), schema.headers()));
                }
                if (schema.quoting() == ExtractSchema.Quoting.NONE) {
                    assertThat(text).as(file).doesNotContain("\"");
                }
            }
        }
        ExtractSchema insurance = GeneratedTree.SCHEMAS.get("insurance/enrolments");
        String anyName = tree.cleanRows(tree.files("insurance/enrolments").get(0), insurance).get(0).fields().get(1);
        assertThat(anyName).matches("\\p{IsHan}{2,3}");
    }

    @Test
    void everyUnflaggedValueIsValidForItsColumn() {
        List<String> violations = new ArrayList<>();
        long checked = 0;
        for (ExtractSchema schema : GeneratedTree.SCHEMAS.inContractOrder()) {
            for (String file : cleanFiles(schema)) {
                Matcher name = schema.fileNamePattern().matcher(file.substring(file.lastIndexOf('/') + 1));
                assertThat(name.matches()).isTrue();
                String period = name.group("period");
                for (GeneratedTree.Row row : tree.cleanRows(file, schema)) {
                    checked++;
                    if (row.fields().size() != schema.columns().size()) {
                        violations.add(file + ":" + row.line() + " has " + row.fields().size() + " fields");
                        continue;
                    }
                    for (int c = 0; c < schema.columns().size(); c++) {
                        ColumnSpec column = schema.columns().get(c);
                        String value = row.fields().get(c);
                        if (!valid(column, value, schema, period)) {
                            violations.add(file + ":" + row.line() + " " + column.name() + "='" + value + "'");
                        }
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(10_000);
        assertThat(violations).isEmpty();
    }

    /** Files without a file-level defect in the landing. */
    private static List<String> cleanFiles(ExtractSchema schema) {
        return tree.files(schema.id()).stream().filter(file -> !tree.fileDefects.containsKey(file)).toList();
    }

    private static boolean valid(ColumnSpec column, String value, ExtractSchema schema, String period) {
        if (value.isEmpty()) {
            return column.nullable() || column.name().equals("inclusive");
        }
        return switch (column.type()) {
            case ID_NUMBER -> ResidentIdNumbers.isValid(value);
            case CODE -> "districts".equals(column.codeList()) ? districts.contains(value) : column.codes().containsKey(value);
            case INTEGER -> value.matches("\\d+") && (column.maximum() == null || Long.parseLong(value) <= column.maximum().longValue());
            case DECIMAL -> "thousands".equals(column.format()) ? value.matches("-?\\d{1,3}(,\\d{3})*\\.\\d{2}") : value.matches("\\d+\\.\\d{2}");
            case DATE -> validDate(column, value, schema, period);
            case MONTH -> value.equals(period);
            case YEAR -> value.equals(period);
            case BOOLEAN -> value.equals(column.trueLiteral()) || value.equals(column.falseLiteral());
            case AGE -> value.equals("100+") || value.matches("\\d{1,2}");
            case TEXT -> (column.format() == null || value.matches(column.format()))
                    && (!"embedded".equals(column.identifier()) || ResidentIdNumbers.isValid(value.substring(0, 18)));
        };
    }

    private static boolean validDate(ColumnSpec column, String value, ExtractSchema schema, String period) {
        LocalDate date;
        try {
            date = LocalDate.parse(value, DateTimeFormatter.ofPattern(column.format().replace("yyyy", "uuuu"))
                    .withResolverStyle(ResolverStyle.STRICT));
        } catch (RuntimeException e) {
            return false;
        }
        boolean inPeriodColumn = column.name().equals("check_date") || column.name().equals("death_date");
        if (schema.periodKind() == ExtractSchema.PeriodKind.MONTH && inPeriodColumn) {
            return date.getYear() == Integer.parseInt(period.substring(0, 4)) && date.getMonthValue() == Integer.parseInt(period.substring(4));
        }
        return !date.isAfter(LocalDate.of(Integer.parseInt(period.substring(0, 4)), 12, 31)) && date.getYear() > 1890;
    }
}
