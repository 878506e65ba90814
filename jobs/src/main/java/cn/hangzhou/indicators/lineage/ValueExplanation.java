package cn.hangzhou.indicators.lineage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Everything known about one indicator value (indicator, district, year): its definition, the value with its
 * quality and disclosure, the deliveries behind its numerator and denominator with their quality results, and the
 * run that computed it with the table versions it saw. Built by {@link ExplanationReader}; the one model that
 * {@code explain} (text and JSON) and the report render.
 */
@JsonPropertyOrder({"indicator_id", "district_code", "year", "definition", "value", "numerator", "denominator",
        "quality_status", "disclosure_status", "computed_at", "sources", "quality_results", "run", "rows"})
public record ValueExplanation(
        @JsonProperty("indicator_id") String indicatorId,
        @JsonProperty("district_code") String districtCode,
        @JsonProperty("year") int year,
        @JsonProperty("definition") Definition definition,
        @JsonProperty("value") Double value,
        @JsonProperty("numerator") Double numerator,
        @JsonProperty("denominator") Double denominator,
        @JsonProperty("quality_status") String qualityStatus,
        @JsonProperty("disclosure_status") String disclosureStatus,
        @JsonProperty("computed_at") String computedAt,
        @JsonProperty("sources") List<Source> sources,
        @JsonProperty("quality_results") List<QualityResult> qualityResults,
        @JsonProperty("run") ComputingRun run,
        @JsonProperty("rows") @JsonInclude(JsonInclude.Include.NON_NULL) List<ContributingRow> rows) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ValueExplanation {
        sources = List.copyOf(sources);
        qualityResults = List.copyOf(qualityResults);
        rows = rows == null ? null : List.copyOf(rows);
    }

    /** The statistical definition as the catalogue gives it, and the definition version the value was computed with. */
    @JsonPropertyOrder({"name_zh", "name_en", "unit", "kind", "numerator", "denominator", "sql_resource", "sql",
            "lineage_sql_resource", "definition_version", "current_definition_version"})
    public record Definition(
            @JsonProperty("name_zh") String nameZh,
            @JsonProperty("name_en") String nameEn,
            @JsonProperty("unit") String unit,
            @JsonProperty("kind") String kind,
            @JsonProperty("numerator") String numerator,
            @JsonProperty("denominator") String denominator,
            @JsonProperty("sql_resource") String sqlResource,
            @JsonProperty("sql") String sql,
            @JsonProperty("lineage_sql_resource") String lineageSqlResource,
            @JsonProperty("definition_version") String definitionVersion,
            @JsonProperty("current_definition_version") String currentDefinitionVersion) {

        /** The same definition with the version the stored value was computed with. */
        public Definition withDefinitionVersion(String storedVersion) {
            return new Definition(nameZh, nameEn, unit, kind, numerator, denominator, sqlResource, sql, lineageSqlResource,
                    storedVersion, currentDefinitionVersion);
        }

        /** Whether the catalogue's definition changed since the value was computed. */
        public boolean outdated() {
            return currentDefinitionVersion != null && !currentDefinitionVersion.equals(definitionVersion);
        }
    }

    /**
     * One delivery behind the numerator or the denominator, with its row count there; the manifest's fields are null
     * when the ingest manifest does not know the file.
     */
    @JsonPropertyOrder({"role", "file_id", "rows", "file_name", "sha256", "first_seen_at", "delivery_status", "quality_status"})
    public record Source(
            @JsonProperty("role") String role,
            @JsonProperty("file_id") String fileId,
            @JsonProperty("rows") Long rows,
            @JsonProperty("file_name") String fileName,
            @JsonProperty("sha256") String sha256,
            @JsonProperty("first_seen_at") String firstSeenAt,
            @JsonProperty("delivery_status") String deliveryStatus,
            @JsonProperty("quality_status") String qualityStatus) {
    }

    /** One quality rule's result on one of the deliveries. */
    @JsonPropertyOrder({"file_id", "rule", "severity", "status", "failing_rows"})
    public record QualityResult(
            @JsonProperty("file_id") String fileId,
            @JsonProperty("rule") String rule,
            @JsonProperty("severity") String severity,
            @JsonProperty("status") String status,
            @JsonProperty("failing_rows") Long failingRows) {

        public boolean passed() {
            return "passed".equals(status);
        }
    }

    /** The run that computed the value, from {@code ops/runs}; only the run id when the run is not recorded. */
    @JsonPropertyOrder({"run_id", "command", "started_at", "outcome", "code_version", "configuration_hash", "tables"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ComputingRun(
            @JsonProperty("run_id") String runId,
            @JsonProperty("command") String command,
            @JsonProperty("started_at") String startedAt,
            @JsonProperty("outcome") String outcome,
            @JsonProperty("code_version") String codeVersion,
            @JsonProperty("configuration_hash") String configurationHash,
            @JsonProperty("tables") List<TableVersion> tables) {

        public static ComputingRun unrecorded(String runId) {
            return new ComputingRun(runId, null, null, null, null, null, null);
        }
    }

    /** A table the run read or wrote, with its Delta version before and after the run. */
    @JsonPropertyOrder({"table", "version_before", "version_after"})
    public record TableVersion(
            @JsonProperty("table") String table,
            @JsonProperty("version_before") Long versionBefore,
            @JsonProperty("version_after") Long versionAfter) {
    }

    /** One silver row behind the value: its delivery, physical row number and person key (null for non-person rows). */
    @JsonPropertyOrder({"role", "file_id", "row_number", "person_key"})
    public record ContributingRow(
            @JsonProperty("role") String role,
            @JsonProperty("file_id") String fileId,
            @JsonProperty("row_number") Long rowNumber,
            @JsonProperty("person_key") String personKey) {
    }

    /** The same explanation with the contributing rows. */
    public ValueExplanation withRows(List<ContributingRow> contributingRows) {
        return new ValueExplanation(indicatorId, districtCode, year, definition, value, numerator, denominator, qualityStatus,
                disclosureStatus, computedAt, sources, qualityResults, run, contributingRows);
    }

    public long passedResults() {
        return qualityResults.stream().filter(QualityResult::passed).count();
    }

    /** The explanation as one JSON object, keys in snake case as in the tables. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
