package cn.hangzhou.indicators.conform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.substring;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * The silver tables conformed straight from one extract each (docs/data-model.md): the ID number column, the
 * grain (on typed columns, before pseudonymisation), where {@code year} comes from, and the columns in the data
 * model's order. {@code resident_register} is derived from {@code residents} by {@link ResidentRegisterStage}.
 */
public enum SilverTable {
    RESIDENTS("residents", "health/residents", "id_number", false, periodYear(),
            List.of("year", "archive_number"),
            List.of("year", "archive_number", "person_key", "id_valid", "sex", "birth_date", "residence_district",
                    "household_registration", "archive_opened_date", "archive_status")),
    CHILD_CHECKUPS("child_checkups", "health/child_checkups", "child_id_number", true, dateYear("check_date"),
            List.of("record_id"),
            List.of("record_id", "person_key", "id_valid", "sex", "birth_date", "check_date", "year", "facility_code",
                    "service_type", "age_months")),
    ELDERLY_CHECKUPS("elderly_checkups", "health/elderly_checkups", "id_number", true, dateYear("check_date"),
            List.of("record_id"),
            List.of("record_id", "person_key", "id_valid", "sex", "birth_date", "check_date", "year", "facility_code",
                    "tcm_constitution_assessed")),
    DEATHS("deaths", "health/deaths", "id_number", true, dateYear("death_date"),
            List.of("certificate_number"),
            List.of("certificate_number", "person_key", "id_valid", "sex", "birth_date", "death_date", "year",
                    "age_at_death", "residence_district", "underlying_cause")),
    CHILDCARE_INSTITUTIONS("childcare_institutions", "health/childcare", null, false, periodYear(),
            List.of("year", "institution_code"),
            List.of("year", "institution_code", "institution_name", "district", "approved_places", "registration_date",
                    "institution_status")),
    INSURANCE_ENROLMENTS("insurance_enrolments", "insurance/enrolments", "id_number", false, periodYear(),
            List.of("year", "id_number", "scheme", "enrolment_district"),
            List.of("year", "person_key", "id_valid", "sex", "birth_date", "scheme", "enrolment_status", "enrolment_date",
                    "termination_date", "enrolment_district", "contribution_base")),
    SCHOOLS("schools", "education/schools", null, false, periodYear(),
            List.of("year", "school_id"),
            List.of("year", "school_id", "school_name", "district", "stage", "ownership", "inclusive")),
    STUDENT_ROLLS("student_rolls", "education/rolls", "id_number", false, periodYear(),
            List.of("year", "student_number"),
            List.of("year", "student_number", "person_key", "id_valid", "sex", "birth_date", "school_id", "grade",
                    "school_year", "status", "mainstream_with_disability", "entry_date")),
    ASSISTANCE_PAYMENTS("assistance_payments", "assistance/payments", "id_number", true,
            coalesce(substring(col("payment_month"), 1, 4), substring(col("_period"), 1, 4)).cast(DataTypes.IntegerType),
            List.of("payment_id"),
            List.of("payment_id", "reversed_payment_id", "is_reversal", "reversed_by_payment_id", "person_key", "id_valid",
                    "programme", "payment_month", "year", "amount", "net_amount", "household_size", "monthly_standard",
                    "district")),
    DISABILITY_CERTIFICATES("disability_certificates", "assistance/disability", DisabilityCertificatesStage.HOLDER_ID_NUMBER,
            false, periodYear(),
            List.of("year", "certificate_number"),
            List.of("year", "certificate_key", "person_key", "id_valid", "sex", "birth_date", "category", "grade",
                    "district", "issue_date", "certificate_status")),
    POPULATION("population", "reference/population", null, false, coalesce(col("year"), periodYear()),
            List.of("year", "district", "sex", "age"),
            List.of("year", "district", "sex", "age", "age_open", "persons"));

    private final String tableName;
    private final String extract;
    private final String idNumberColumn;
    private final boolean resolvedAcrossPeriods;
    private final Column year;
    private final List<String> grain;
    private final List<String> columns;

    SilverTable(String tableName, String extract, String idNumberColumn, boolean resolvedAcrossPeriods, Column year,
                List<String> grain, List<String> columns) {
        this.tableName = tableName;
        this.extract = extract;
        this.idNumberColumn = idNumberColumn;
        this.resolvedAcrossPeriods = resolvedAcrossPeriods;
        this.year = year;
        this.grain = grain;
        this.columns = columns;
    }

    public String tableName() {
        return tableName;
    }

    /** The extract id ({@code department/extract}). */
    public String extract() {
        return extract;
    }

    /** The column holding the resident ID number to replace by a person key, or null. */
    public String idNumberColumn() {
        return idNumberColumn;
    }

    /**
     * Whether a record's key is unique across all deliveries (record ids, payment ids, certificate numbers), so
     * that resolving one period needs all the others; snapshot tables resolve inside their period.
     */
    public boolean resolvedAcrossPeriods() {
        return resolvedAcrossPeriods;
    }

    /** The reporting year of a typed row. */
    public Column year() {
        return year;
    }

    public List<String> grain() {
        return grain;
    }

    /** The silver columns besides {@code _sources} and {@code _period}, in the data model's order. */
    public List<String> columns() {
        return columns;
    }

    private static Column periodYear() {
        return substring(col("_period"), 1, 4).cast(DataTypes.IntegerType);
    }

    /** The columns that tell two records apart when a record id recurs, see {@link #resolutionGrain}. */
    public static final String RECORD_PERIOD = "_record_period";
    public static final String RECORD_PERSON = "_record_person";

    /**
     * The columns rows are resolved on: the grain, and for tables whose record id is unique across deliveries
     * also the month of the record's own date ({@link #recordPeriod}) and its person ({@code _record_person}: the
     * person key, empty without a valid ID number). A record sent again (same id, month and person) is replaced
     * by the later one; an id reused for another record (another month or another person) leaves both.
     */
    public List<String> resolutionGrain() {
        if (recordPeriod() == null) {
            return grain;
        }
        List<String> columns = new java.util.ArrayList<>(grain);
        columns.add(RECORD_PERIOD);
        columns.add(RECORD_PERSON);
        return List.copyOf(columns);
    }

    /** The person of a record for {@link #resolutionGrain}: its person key, empty without a valid ID number. */
    public static Column recordPerson() {
        return coalesce(col("person_key"), functions.lit(""));
    }

    /** The month (yyyyMM) of a record's own date, the delivery's period where it has none; null for snapshot tables. */
    public Column recordPeriod() {
        return switch (this) {
            case CHILD_CHECKUPS, ELDERLY_CHECKUPS -> coalesce(functions.date_format(col("check_date"), "yyyyMM"), col("_period"));
            case DEATHS -> coalesce(functions.date_format(col("death_date"), "yyyyMM"), col("_period"));
            case ASSISTANCE_PAYMENTS -> coalesce(col("payment_month"), col("_period"));
            default -> null;
        };
    }

    /**
     * The person a row is about, to tell rows sharing a key apart before pseudonymisation: the ID number as typed
     * (trimmed, upper-case), valid or not, empty where none is given. Null where the key holds the ID number itself
     * (enrolments, disability certificates) or the rows are not about persons.
     */
    public Column rowPerson() {
        return switch (this) {
            case RESIDENTS, CHILD_CHECKUPS, ELDERLY_CHECKUPS, DEATHS, STUDENT_ROLLS, ASSISTANCE_PAYMENTS ->
                    coalesce(col(idNumberColumn), functions.lit(""));
            default -> null;
        };
    }

    /**
     * How versions of one record in one file (same key, same person) are ordered, the one kept first, before the later
     * row. Residents: the archive the register would keep of a person's several archives (indicator-definitions.md):
     * a managed one ({@code 1}) before the others, then the one opened last (a missing date last).
     */
    public List<Column> versionOrder() {
        return this == RESIDENTS
                ? List.of(col("archive_status").equalTo("1").desc_nulls_last(), col("archive_opened_date").desc_nulls_last())
                : List.of();
    }

    /** The year of a date; the delivery period's year where the date is impossible (the row is inside its file's month). */
    private static Column dateYear(String dateColumn) {
        return coalesce(functions.year(col(dateColumn)), periodYear());
    }
}
