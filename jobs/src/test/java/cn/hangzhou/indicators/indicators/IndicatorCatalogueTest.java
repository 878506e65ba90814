package cn.hangzhou.indicators.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hangzhou.indicators.config.ConfigurationException;
import cn.hangzhou.indicators.testing.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndicatorCatalogueTest {

    @TempDir
    Path folder;

    private static final String ENTRY = """
            indicators:
              - id: %s
                name_zh: 低保对象人数
                name_en: persons
                unit: persons
                kind: count
                numerator: persons
                sql: assistance_recipients.sql
                factor: 1
                disclosure: count
                decimals: 0
                parameters: %s
            """;

    private final IndicatorCatalogue catalogue = IndicatorCatalogue.load(ProjectFiles.home());

    @Test
    void everyIndicatorOfTheDefinitionsIsInTheCatalogueInTheirOrder() throws IOException {
        String definitions = Files.readString(ProjectFiles.shared().resolve("indicator-definitions.md"));
        Matcher row = Pattern.compile("(?m)^\\| ([A-Z0-9]+-[0-9a-z]+) \\|").matcher(definitions);
        List<String> ids = new ArrayList<>();
        while (row.find()) {
            ids.add(row.group(1));
        }
        assertThat(ids).hasSize(21);
        assertThat(catalogue.indicators()).extracting(Indicator::id).containsExactlyElementsOf(ids);
    }

    @Test
    void the2020ValueAndThe2025TargetComeFromTheSeedFile() throws IOException {
        SeedIndicators seeds = SeedIndicators.load(ProjectFiles.shared().resolve("reference/seed_indicators.csv"));
        for (Indicator indicator : catalogue.indicators()) {
            SeedIndicators.Seed seed = seeds.seed(indicator.id()).orElse(null);
            assertThat(indicator.target2025()).as(indicator.id()).isEqualTo(seed == null ? null : seed.target2025());
            assertThat(indicator.value2020()).as(indicator.id()).isEqualTo(seed == null ? null : seed.value2020());
        }
        assertThat(catalogue.get("T2-03").target2025()).isEqualTo(">95");
        assertThat(catalogue.get("T2-07").target2025()).isEqualTo("保持在90以上");
        assertThat(catalogue.get("T2-20").value2020()).isEqualTo("83.12");
        assertThat(catalogue.get("T1-03").target2025()).isNull();
    }

    @Test
    void assistanceSpendingIsReportedOncePerProgramme() {
        assertThat(catalogue.get("S-02").reportedIds()).containsExactly("S-02/低保", "S-02/低保边缘", "S-02/特困供养",
                "S-02/临时救助", "S-02/困难残疾人生活补贴", "S-02/重度残疾人护理补贴");
        assertThat(catalogue.byReportedId("S-02/低保").id()).isEqualTo("S-02");
    }

    @Test
    void parametersAreFilledInAndTheVersionDependsOnThem() {
        Indicator infants = catalogue.get("T2-03");
        Indicator screening = catalogue.get("T2-06");
        assertThat(infants.sqlText()).doesNotContain("${").contains("FROM child_checkups");
        assertThat(screening.sqlText()).contains("service_type = '03'");
        assertThat(infants.definitionVersion()).matches("[0-9a-f]{64}").isNotEqualTo(screening.definitionVersion());
        assertThat(IndicatorCatalogue.load(ProjectFiles.home()).get("T2-03").definitionVersion())
                .isEqualTo(infants.definitionVersion());
        assertThat(IndicatorComputation.sourceTables(infants)).containsExactly("resident_register", "child_checkups");
    }

    @Test
    void parametersAreCheckedByTheirKindBeforeTheyReachSql() throws IOException {
        String shipped = Files.readString(ProjectFiles.home().resolve("conf/indicators.yaml"));
        Path seeds = ProjectFiles.home().resolve("conf/reference/seed_indicators.csv");
        // a condition outside the grammar: refused with the indicator, the parameter and the grammar
        Path injected = write(replaceOnce(shipped, "record_filter: \"service_type = '03'\"",
                "record_filter: \"service_type = '03') OR (SELECT count(*) FROM bronze.residents) > 0 OR ('1' = '1\""));
        assertThatThrownBy(() -> IndicatorCatalogue.load(injected, seeds))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("indicator T2-06: parameter record_filter")
                .hasMessageContaining("is not an allowed condition")
                .hasMessageContaining("fix: write a condition over column names");
        Path statement = write(replaceOnce(shipped, "record_filter: \"service_type = '03'\"", "record_filter: \"true; DROP TABLE x\""));
        assertThatThrownBy(() -> IndicatorCatalogue.load(statement, seeds)).hasMessageContaining("character ';'");
        // an integer and a table name are only that
        Path age = write(replaceOnce(shipped, "min_age: \"65\"", "min_age: \"65 OR 1 = 1\""));
        assertThatThrownBy(() -> IndicatorCatalogue.load(age, seeds)).hasMessageContaining("indicator T2-27: parameter min_age")
                .hasMessageContaining("is not an integer");
        Path table = write(replaceOnce(shipped, "checkups: elderly_checkups", "checkups: \"elderly_checkups, bronze.residents\""));
        assertThatThrownBy(() -> IndicatorCatalogue.load(table, seeds)).hasMessageContaining("parameter checkups")
                .hasMessageContaining("is not a table name");
        // a text is quoted, whatever it holds
        Path text = write(replaceOnce(shipped, "subsidy: 困难残疾人生活补贴", "subsidy: \"x' OR '1' = '1\""));
        Indicator quoted = IndicatorCatalogue.load(text, seeds).get("T2-44");
        assertThat(quoted.sqlText()).contains("programme = 'x\\' OR \\'1\\' = \\'1'");
    }

    @Test
    void theShippedParametersAreFilledInByKindAndAPlaceholderWithoutKindIsRefused() throws IOException {
        assertThat(catalogue.indicators()).allSatisfy(indicator -> assertThat(indicator.sqlText()).doesNotContain("${"));
        assertThat(catalogue.get("T2-13").sqlText()).contains("scheme = '410'");
        assertThat(catalogue.get("T2-44").sqlText()).contains("programme = '困难残疾人生活补贴'");
        // a test resource: SELECT ... WHERE scheme = '${scheme}'
        Path untyped = write(ENTRY.formatted("S-01", "{scheme: '410'}").replace("assistance_recipients.sql", "untyped_placeholder.sql"));
        assertThatThrownBy(() -> IndicatorCatalogue.load(untyped, ProjectFiles.shared().resolve("reference/seed_indicators.csv")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("untyped_placeholder.sql has the placeholder ${scheme} without a kind")
                .hasMessageContaining("${name:string}");
    }

    private static String replaceOnce(String text, String target, String replacement) {
        assertThat(text).contains(target);
        return text.replace(target, replacement);
    }

    @Test
    void anUnknownKeyIsRejectedWithTheAllowedOnes() throws IOException {
        Path file = write(ENTRY.formatted("S-01", "{}") + "    denominatr: oops\n");
        assertThatThrownBy(() -> IndicatorCatalogue.load(file, ProjectFiles.shared().resolve("reference/seed_indicators.csv")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown key 'denominatr'")
                .hasMessageContaining("denominator");
    }

    @Test
    void aParameterTheSqlDoesNotUseAndAnIdOutsideThePlanAreRejected() throws IOException {
        Path seeds = ProjectFiles.shared().resolve("reference/seed_indicators.csv");
        assertThatThrownBy(() -> IndicatorCatalogue.load(write(ENTRY.formatted("S-01", "{scheme: '410'}")), seeds))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("parameter 'scheme' is not used");
        assertThatThrownBy(() -> IndicatorCatalogue.load(write(ENTRY.formatted("T9-99", "{}")), seeds))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("T9-99 is not in");
        assertThatThrownBy(() -> IndicatorCatalogue.load(write(ENTRY.formatted("S-01", "{}").replace("kind: count", "kind: median")), seeds))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'median' is not an indicator kind");
        assertThatThrownBy(() -> IndicatorCatalogue.load(write(ENTRY.formatted("S-01", "{}")
                + "    lineage_sql: minimum_living_standard_lineage.sql\n"), seeds))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("count indicator with a lineage_sql");
    }

    @Test
    void everyIndicatorStatesTheDecimalsItIsPublishedWith() throws IOException {
        Path seeds = ProjectFiles.shared().resolve("reference/seed_indicators.csv");
        assertThatThrownBy(() -> IndicatorCatalogue.load(write(ENTRY.formatted("S-01", "{}").replace("    decimals: 0\n", "")), seeds))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("S-01 has no decimals from 0 to 6");
        assertThatThrownBy(() -> IndicatorCatalogue.load(write(ENTRY.formatted("S-01", "{}").replace("decimals: 0", "decimals: 9")), seeds))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("(9)");
        IndicatorCatalogue catalogue = IndicatorCatalogue.load(ProjectFiles.home());
        assertThat(catalogue.get("T2-03").definition().decimals()).isEqualTo(2);
        assertThat(catalogue.get("T2-13").definition().decimals()).isEqualTo(4);
        assertThat(catalogue.get("S-01").definition().decimals()).isZero();
    }

    @Test
    void theAggregatingKindsNameALineageSqlWithTheirParametersFilledIn() {
        IndicatorCatalogue catalogue = IndicatorCatalogue.load(ProjectFiles.home());
        for (Indicator indicator : catalogue.indicators()) {
            assertThat(indicator.lineageSqlText() != null).as(indicator.id()).isEqualTo(!indicator.kind().summed());
        }
        Indicator premature = catalogue.get("T2-18");
        assertThat(premature.lineageSqlText()).contains("BETWEEN 'I00' AND 'I99'").doesNotContain("${");
        assertThat(catalogue.get("T2-20").lineageSqlText()).contains("AND (true)");
    }

    private Path write(String yaml) throws IOException {
        Path file = folder.resolve("indicators.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
