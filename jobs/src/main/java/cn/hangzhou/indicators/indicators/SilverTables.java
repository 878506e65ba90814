package cn.hangzhou.indicators.indicators;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The silver tables the indicators read, with their columns as docs/data-model.md defines them. Used to stand in
 * an empty table for one that does not exist yet (nothing delivered) and by test fixtures.
 */
public final class SilverTables {

    public static final DataType AMOUNT = new DecimalType(14, 2);
    public static final StructType SOURCES_ELEMENT = new StructType()
            .add("file_id", DataTypes.StringType)
            .add("row_number", DataTypes.LongType);

    private static final Map<String, StructType> SCHEMAS = new LinkedHashMap<>();

    static {
        StructType residents = columns(
                "year", "int", "archive_number", "string", "person_key", "string", "id_valid", "boolean", "sex", "string",
                "birth_date", "date", "residence_district", "string", "household_registration", "string",
                "archive_opened_date", "date", "archive_status", "string");
        SCHEMAS.put("residents", residents);
        SCHEMAS.put("resident_register", residents);
        SCHEMAS.put("child_checkups", columns(
                "record_id", "string", "person_key", "string", "id_valid", "boolean", "sex", "string", "birth_date", "date",
                "check_date", "date", "year", "int", "facility_code", "string", "service_type", "string", "age_months", "int"));
        SCHEMAS.put("elderly_checkups", columns(
                "record_id", "string", "person_key", "string", "id_valid", "boolean", "sex", "string", "birth_date", "date",
                "check_date", "date", "year", "int", "facility_code", "string", "tcm_constitution_assessed", "boolean"));
        SCHEMAS.put("deaths", columns(
                "certificate_number", "string", "person_key", "string", "id_valid", "boolean", "sex", "string",
                "birth_date", "date", "death_date", "date", "year", "int", "age_at_death", "int",
                "residence_district", "string", "underlying_cause", "string"));
        SCHEMAS.put("childcare_institutions", columns(
                "year", "int", "institution_code", "string", "institution_name", "string", "district", "string",
                "approved_places", "int", "registration_date", "date", "institution_status", "string"));
        SCHEMAS.put("insurance_enrolments", columns(
                "year", "int", "person_key", "string", "id_valid", "boolean", "sex", "string", "birth_date", "date",
                "scheme", "string", "enrolment_status", "string", "enrolment_date", "date", "termination_date", "date",
                "enrolment_district", "string", "contribution_base", "amount"));
        SCHEMAS.put("schools", columns(
                "year", "int", "school_id", "string", "school_name", "string", "district", "string", "stage", "string",
                "ownership", "string", "inclusive", "boolean"));
        SCHEMAS.put("student_rolls", columns(
                "year", "int", "student_number", "string", "person_key", "string", "id_valid", "boolean", "sex", "string",
                "birth_date", "date", "school_id", "string", "grade", "string", "school_year", "string", "status", "string",
                "mainstream_with_disability", "boolean", "entry_date", "date"));
        SCHEMAS.put("assistance_payments", columns(
                "payment_id", "string", "reversed_payment_id", "string", "is_reversal", "boolean",
                "reversed_by_payment_id", "string", "person_key", "string", "id_valid", "boolean", "programme", "string",
                "payment_month", "string", "year", "int", "amount", "amount", "net_amount", "amount",
                "household_size", "int", "monthly_standard", "amount", "district", "string"));
        SCHEMAS.put("disability_certificates", columns(
                "year", "int", "certificate_key", "string", "person_key", "string", "id_valid", "boolean", "sex", "string",
                "birth_date", "date", "category", "string", "grade", "string", "district", "string", "issue_date", "date",
                "certificate_status", "string"));
        SCHEMAS.put("population", columns(
                "year", "int", "district", "string", "sex", "string", "age", "int", "age_open", "boolean", "persons", "long"));
    }

    private SilverTables() {
    }

    public static List<String> names() {
        return List.copyOf(SCHEMAS.keySet());
    }

    /** The table's columns, {@code _sources} and {@code _period} last. */
    public static StructType schema(String table) {
        StructType schema = SCHEMAS.get(table);
        if (schema == null) {
            throw new IllegalArgumentException("unknown silver table " + table + "; known: " + SCHEMAS.keySet());
        }
        return schema;
    }

    private static StructType columns(String... namesAndTypes) {
        StructType schema = new StructType();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            schema = schema.add(new StructField(namesAndTypes[i], type(namesAndTypes[i + 1]), true,
                    org.apache.spark.sql.types.Metadata.empty()));
        }
        return schema.add("_sources", DataTypes.createArrayType(SOURCES_ELEMENT), true)
                .add("_period", DataTypes.StringType, true);
    }

    private static DataType type(String name) {
        return switch (name) {
            case "string" -> DataTypes.StringType;
            case "int" -> DataTypes.IntegerType;
            case "long" -> DataTypes.LongType;
            case "boolean" -> DataTypes.BooleanType;
            case "date" -> DataTypes.DateType;
            case "amount" -> AMOUNT;
            default -> throw new IllegalArgumentException(name);
        };
    }
}
