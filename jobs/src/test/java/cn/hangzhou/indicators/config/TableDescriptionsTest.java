package cn.hangzhou.indicators.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hangzhou.indicators.testing.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableDescriptionsTest {

    @TempDir
    Path folder;

    @Test
    void theShippedCommentsCoverTheAnalyticsTablesTheIssueNames() {
        TableDescriptions descriptions = TableDescriptions.ofProject(ProjectFiles.home());
        assertThat(descriptions.tables()).containsKeys("silver.residents", "gold.indicator_values", "gold.published_indicators",
                "quality.check_results", "quality.metrics", "lineage.indicator_sources", "ops.runs");
        assertThat(descriptions.table("gold.published_indicators").orElseThrow().columns())
                .containsKeys("indicator_id", "district_code", "value", "unit", "quality_status", "disclosure_status");
        assertThat(descriptions.sharedColumns().get("silver")).containsKeys("person_key", "_sources", "_period");
    }

    @Test
    void theFingerprintFollowsTheCommentsNotTheOrderTheyAreWrittenIn() throws IOException {
        String one = "tables:\n  silver.a: {comment: A, columns: {x: X, y: Y}}\n  silver.b: {comment: B}\n";
        String reordered = "tables:\n  silver.b: {comment: B}\n  silver.a: {comment: A, columns: {y: Y, x: X}}\n";
        String changed = "tables:\n  silver.b: {comment: B}\n  silver.a: {comment: A, columns: {y: Y, x: X2}}\n";
        assertThat(load(one).fingerprint()).isEqualTo(load(reordered).fingerprint()).isNotEqualTo(load(changed).fingerprint());
    }

    @Test
    void aNameOutsideTheDatabasesIsRejectedWithTheDatabasesToUse() throws IOException {
        assertThatThrownBy(() -> load("tables:\n  residents: {comment: A}\n"))
                .hasMessageContaining("'residents' in conf/tables.yaml is not a table name").hasMessageContaining("[audit, bronze,");
        assertThatThrownBy(() -> load("tables:\n  warehouse.residents: {comment: A}\n"))
                .hasMessageContaining("'warehouse.residents'");
    }

    @Test
    void aTableWithoutCommentOrAColumnWithABadNameIsRejected() throws IOException {
        assertThatThrownBy(() -> load("tables:\n  silver.a: {comment: \" \"}\n")).hasMessageContaining("a table has no comment");
        assertThatThrownBy(() -> load("tables:\n  silver.a: {comment: A, columns: {Person-Key: X}}\n"))
                .hasMessageContaining("column 'Person-Key' has a bad name or no comment");
        assertThatThrownBy(() -> load("shared_columns:\n  warehouse: {x: X}\ntables:\n  silver.a: {comment: A}\n"))
                .hasMessageContaining("shared_columns names 'warehouse', not a database");
        assertThatThrownBy(() -> load("tables:\n  silver.a: {comment: A, colums: {x: X}}\n")).hasMessageContaining("colums");
    }

    private TableDescriptions load(String yaml) throws IOException {
        Path file = folder.resolve("tables-" + System.nanoTime() + ".yaml");
        Files.writeString(file, yaml);
        return TableDescriptions.load(file);
    }
}
