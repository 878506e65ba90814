package cn.hangzhou.indicators.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hangzhou.indicators.config.ExtractSchema;
import cn.hangzhou.indicators.config.ResidentIdNumbers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every defect kind of the contract is injected and the manifest names the right file, row and column. */
class DefectManifestTest {

    @TempDir
    static Path out;
    static GeneratedTree tree;
    static SampleGenerator.Summary summary;

    @BeforeAll
    static void generate() {
        summary = GeneratedTree.generate(out, 0.0005, 2021, 2021, 11, 0.002);
        tree = new GeneratedTree(out);
    }

    @Test
    void everyKindAppears() {
        Set<String> kinds = tree.defects.stream().map(GeneratedTree.Defect::kind).collect(Collectors.toSet());
        Set<String> expected = Arrays.stream(DefectKind.values()).map(DefectKind::manifestName).collect(Collectors.toSet());
        assertThat(kinds).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(summary.kindsMissing()).isEmpty();
        assertThat(summary.defects()).isEqualTo(tree.defects.size());
    }

    @Test
    void rowDefectsAreWhereTheManifestSays() {
        int verified = 0;
        for (GeneratedTree.Defect defect : tree.defects) {
            if (defect.row() == null) {
                continue;
            }
            ExtractSchema schema = schemaOf(defect.file());
            List<String> lines = GeneratedTree.lines(tree.text(defect.file(), schema));
            String line = lines.get((int) (long) defect.row() - 1);
            switch (defect.kind()) {
                case "id_lower_case_x" -> assertThat(line).as(defect.toString()).containsPattern("\\d{17}x");
                case "id_surrounding_spaces" -> assertThat(line).as(defect.toString()).containsPattern(" \\d{17}[\\dX] ");
                case "negative_capacity" -> assertThat(line).as(defect.toString()).contains(",-5,");
                case "absurd_amount" -> assertThat(line).as(defect.toString()).contains("\"10,000,000.00\"");
                case "unknown_district_code" -> assertThat(line).as(defect.toString()).contains("330199");
                case "unknown_programme_code" -> assertThat(line).as(defect.toString()).contains("医疗救助");
                case "unknown_scheme_code" -> assertThat(line).as(defect.toString()).contains("|150|");
                case "duplicate_row" -> assertThat(line).as(defect.toString()).isEqualTo(lines.get((int) (long) defect.row() - 2));
                case "embedded_newline" -> assertThat(line).as(defect.toString()).matches(".*,\"[^\"]*$");
                case "unbalanced_quote" -> assertThat(line.chars().filter(c -> c == '"').count() % 2).as(defect.toString()).isEqualTo(1);
                case "impossible_date" -> assertThat(line).as(defect.toString()).containsPattern("\\d{4}[-/]?02[-/]?30");
                case "wrong_field_count" -> assertThat(GeneratedTree.split(line, schema.delimiter().charAt(0), schema.quoting()).size())
                        .as(defect.toString()).isNotEqualTo(schema.columns().size());
                case "id_bad_check_character" -> {
                    String id = GeneratedTree.split(line, schema.delimiter().charAt(0), schema.quoting())
                            .get(schema.columnNames().indexOf(defect.column()));
                    assertThat(id).hasSize(18);
                    assertThat(ResidentIdNumbers.isValid(id)).as(defect.toString()).isFalse();
                }
                default -> {
                    continue;
                }
            }
            verified++;
        }
        assertThat(verified).isGreaterThan(20);
    }

    @Test
    void duplicateRecordIdRepeatsTheFirstIdOfAnEarlierMonth() {
        GeneratedTree.Defect defect = tree.defects.stream().filter(d -> d.kind().equals("duplicate_record_id_across_deliveries"))
                .findFirst().orElseThrow();
        ExtractSchema schema = schemaOf(defect.file());
        String id = GeneratedTree.lines(tree.text(defect.file(), schema)).get((int) (long) defect.row() - 1).split(",")[0];
        String month = id.substring(2, 8);
        assertThat(defect.file()).doesNotContain(month);
        assertThat(tree.allFiles().stream().filter(f -> f.startsWith(schema.id() + "/") && f.contains("_" + month))
                .anyMatch(f -> tree.text(f, schema).contains(id + ","))).isTrue();
    }

    @Test
    void fileLevelDefectsDamageTheLandingAndTheRedeliveryHoldsTheWholeFile() throws IOException {
        assertThat(Files.readAllLines(out.resolve(fileOf("header_only_file")))).hasSize(1);
        assertThat(Files.size(out.resolve(fileOf("empty_file")))).isZero();
        String partial = fileOf("partial_export");
        assertThat(Files.size(out.resolve(partial))).isLessThan(Files.size(out.resolve("_redelivery/" + partial)) / 3);
        for (String kind : List.of("truncated_gzip", "corrupt_gzip")) {
            String file = fileOf(kind);
            assertThat(file).endsWith(".gz");
            assertThatThrownBy(() -> readGzip(out.resolve(file))).as(kind).isInstanceOf(IOException.class);
            assertThat(readGzip(out.resolve("_redelivery/" + file))).isNotEmpty();
        }
        String late = fileOf("late_file");
        assertThat(late).startsWith("_redelivery/");
        assertThat(out.resolve(late.substring("_redelivery/".length()))).doesNotExist();
        String duplicate = fileOf("duplicate_redelivery");
        assertThat(Files.readAllBytes(out.resolve(duplicate))).isEqualTo(Files.readAllBytes(out.resolve(duplicate.substring("_redelivery/".length()))));
        long corrected = tree.defects.stream().filter(d -> d.kind().equals("corrected_redelivery")).count();
        assertThat(corrected).isEqualTo(5);
    }

    @Test
    void headerAndEncodingDefectsAreReal() throws IOException {
        String missing = fileOf("missing_header");
        ExtractSchema payments = schemaOf(missing);
        assertThat(Files.readAllLines(out.resolve(missing)).get(0)).doesNotStartWith(payments.headers().get(0));
        String reordered = fileOf("reordered_header");
        ExtractSchema schools = schemaOf(reordered);
        List<String> header = List.of(Files.readAllLines(out.resolve(reordered)).get(0).split(","));
        assertThat(header).containsExactlyInAnyOrderElementsOf(schools.headers()).isNotEqualTo(schools.headers());
        String extra = fileOf("extra_column");
        assertThat(Files.readAllLines(out.resolve(extra)).get(0)).isEqualTo(String.join(",", payments.headers()) + ",备注");
        byte[] gbk = Files.readAllBytes(out.resolve(fileOf("wrong_encoding_gbk_for_utf8")));
        assertThatThrownBy(() -> GeneratedTree.decode(gbk, StandardCharsets.UTF_8)).isInstanceOf(CharacterCodingException.class);
        assertThat(GeneratedTree.decode(gbk, Charset.forName("GBK"))).contains("是");
        byte[] utf8 = Files.readAllBytes(out.resolve(fileOf("wrong_encoding_utf8_for_gbk")));
        assertThat(GeneratedTree.decode(utf8, StandardCharsets.UTF_8)).contains("证件号码");
    }

    private static String fileOf(String kind) {
        return tree.defects.stream().filter(d -> d.kind().equals(kind)).findFirst().orElseThrow().file();
    }

    private static ExtractSchema schemaOf(String file) {
        String path = file.startsWith("_redelivery/") ? file.substring("_redelivery/".length()) : file;
        return GeneratedTree.SCHEMAS.get(path.substring(0, path.lastIndexOf('/')));
    }

    private static byte[] readGzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }
}
