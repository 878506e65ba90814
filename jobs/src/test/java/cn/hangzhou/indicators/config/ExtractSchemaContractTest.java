package cn.hangzhou.indicators.config;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hangzhou.indicators.testing.ProjectFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every schema under schemas/ matches the column tables and format notes of ../shared/extract-contract.md. */
class ExtractSchemaContractTest {

    private static final Pattern HEADING = Pattern.compile("^### ([a-z_]+/[a-z_]+) — (.*)$");

    record ContractSection(String id, String heading, String prose, List<String> headers, List<String> formats) {
    }

    static Map<String, ContractSection> contract() throws IOException {
        List<String> lines = Files.readAllLines(ProjectFiles.shared().resolve("extract-contract.md"), StandardCharsets.UTF_8);
        Map<String, ContractSection> sections = new LinkedHashMap<>();
        String id = null;
        String heading = null;
        StringBuilder prose = new StringBuilder();
        List<String> headers = new ArrayList<>();
        List<String> formats = new ArrayList<>();
        for (String line : lines) {
            Matcher matcher = HEADING.matcher(line);
            if (matcher.matches() || line.startsWith("## ")) {
                if (id != null) {
                    sections.put(id, new ContractSection(id, heading, prose.toString(), List.copyOf(headers), List.copyOf(formats)));
                }
                id = matcher.matches() ? matcher.group(1) : null;
                heading = matcher.matches() ? matcher.group(2) : null;
                prose.setLength(0);
                headers.clear();
                formats.clear();
            } else if (id != null && line.startsWith("|") && !line.startsWith("|---") && !line.startsWith("| header") && !line.startsWith("| key")) {
                String[] cells = line.split("\\|");
                headers.add(cells[1].trim().replace("`", ""));
                formats.add(cells[3].trim());
            } else if (id != null) {
                prose.append(line).append('\n');
            }
        }
        return sections;
    }

    @Test
    void everyContractExtractHasASchemaWithTheSameHeadersInTheSameOrder() throws IOException {
        Map<String, ContractSection> contract = contract();
        SchemaCatalog catalog = ProjectFiles.schemas();
        assertThat(contract.keySet()).containsExactlyElementsOf(SchemaCatalog.CONTRACT_EXTRACTS);
        for (ContractSection section : contract.values()) {
            ExtractSchema schema = catalog.get(section.id());
            assertThat(schema.headers()).as(section.id()).containsExactlyElementsOf(section.headers());
        }
    }

    @Test
    void fileNamesAndPeriodsFollowTheLandingLayout() throws IOException {
        String contractText = Files.readString(ProjectFiles.shared().resolve("extract-contract.md"));
        Pattern layout = Pattern.compile("^  ([a-z_]+/[a-z_]+)/\\s+(\\S+)\\s+(.*)$", Pattern.MULTILINE);
        Matcher matcher = layout.matcher(contractText);
        int seen = 0;
        while (matcher.find()) {
            ExtractSchema schema = ProjectFiles.schemas().get(matcher.group(1));
            String expected = matcher.group(2).replace("<YYYYMM>", "{yyyymm}").replace("<YYYY>", "{yyyy}").replace("<district>", "{district}");
            assertThat(schema.filePattern()).as(schema.id()).isEqualTo(expected);
            assertThat(schema.periodKind()).as(schema.id())
                    .isEqualTo(expected.contains("{yyyymm}") ? ExtractSchema.PeriodKind.MONTH : ExtractSchema.PeriodKind.YEAR);
            seen++;
        }
        assertThat(seen).isEqualTo(11);
    }

    @Test
    void encodingsDelimitersAndLineEndsAreTheContractsOwn() throws IOException {
        Map<String, ContractSection> contract = contract();
        for (ExtractSchema schema : ProjectFiles.schemas().inContractOrder()) {
            String prose = contract.get(schema.id()).prose();
            assertThat(schema.encoding()).as(schema.id()).isEqualTo(prose.contains("GBK-encoded") ? "GBK" : "UTF-8");
            assertThat(schema.byteOrderMark()).as(schema.id()).isEqualTo(prose.contains("**with BOM**"));
            assertThat(schema.lineEnding()).as(schema.id())
                    .isEqualTo(prose.contains("CRLF") ? ExtractSchema.LineEnding.CRLF : ExtractSchema.LineEnding.LF);
            assertThat(schema.format()).as(schema.id())
                    .isEqualTo(prose.contains("JSON Lines") ? ExtractSchema.Format.JSON_LINES : ExtractSchema.Format.DELIMITED);
            if (schema.format() == ExtractSchema.Format.DELIMITED) {
                assertThat(schema.delimiter()).as(schema.id()).isEqualTo(prose.contains("`|`-separated") ? "|" : ",");
                assertThat(schema.quoting()).as(schema.id())
                        .isEqualTo(prose.contains("no quoting") ? ExtractSchema.Quoting.NONE : ExtractSchema.Quoting.MINIMAL);
            }
        }
    }

    @Test
    void idNumbersAndNamesAreMarkedAsDirectIdentifiers() throws IOException {
        for (ContractSection section : contract().values()) {
            ExtractSchema schema = ProjectFiles.schemas().get(section.id());
            for (ColumnSpec column : schema.columns()) {
                boolean isIdOrName = column.header().contains("身份证号") || column.header().equals("证件号码")
                        || column.header().equals("sfzh") || column.header().equals("姓名");
                assertThat(column.isDirectIdentifier()).as(section.id() + "." + column.header()).isEqualTo(isIdOrName);
            }
        }
        assertThat(ProjectFiles.schemas().get("assistance/disability").column("certificate_number").orElseThrow().identifier())
                .isEqualTo("embedded");
    }

    @Test
    void datesUseTheContractsFormats() throws IOException {
        for (ContractSection section : contract().values()) {
            ExtractSchema schema = ProjectFiles.schemas().get(section.id());
            for (int index = 0; index < schema.columns().size(); index++) {
                ColumnSpec column = schema.columns().get(index);
                String contractFormat = section.formats().get(index);
                if (column.type() == ColumnType.DATE) {
                    assertThat(contractFormat).as(section.id() + "." + column.name()).contains("`" + column.format() + "`");
                }
            }
        }
    }

    @Test
    void theVendoredReferenceIsACopyOfTheSharedOne() throws IOException {
        for (String file : List.of("districts.csv", "seed_indicators.csv", "README.md")) {
            assertThat(Files.readString(ProjectFiles.home().resolve("conf/reference").resolve(file)))
                    .as(file).isEqualTo(Files.readString(ProjectFiles.shared().resolve("reference").resolve(file)));
        }
        assertThat(ProjectFiles.reference().districts()).hasSize(13);
    }
}
