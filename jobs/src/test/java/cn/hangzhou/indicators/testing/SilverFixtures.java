package cn.hangzhou.indicators.testing;

import cn.hangzhou.indicators.indicators.SilverTables;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Small silver tables built by hand, exactly as docs/data-model.md defines them, for tests of what reads silver
 * (built in parallel by conform): as DataFrames for stage tests, or written as Delta tables under a warehouse.
 * Dates are given as {@code yyyy-MM-dd}, amounts as decimal strings; a person key stands for a valid ID (null:
 * an invalid one). Every row gets {@code _sources} from the current delivery ({@link #fromDelivery}) and
 * {@code _period}.
 */
public final class SilverFixtures {

    private final SparkSession spark;
    private final Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
    private final Map<String, String> manifest = new LinkedHashMap<>();
    private String delivery = "delivery-1";
    private long rowNumber = 1;

    public SilverFixtures(SparkSession spark) {
        this.spark = spark;
    }

    /** Rows added from now on come from this delivery (its manifest file_id). */
    public SilverFixtures fromDelivery(String fileId) {
        delivery = fileId;
        return this;
    }

    /** A manifest row for a delivery with the quality gate's outcome ({@code passed}, {@code warned}, {@code rejected}). */
    public SilverFixtures manifest(String fileId, String qualityStatus) {
        manifest.put(fileId, qualityStatus);
        return this;
    }

    /** A person of the resident register of {@code year} (archive status 1); a null key is an archive without valid ID. */
    public SilverFixtures resident(int year, String personKey, String archiveNumber, String district, String birthDate,
                                   String householdRegistration) {
        return add("resident_register", String.valueOf(year), values("year", year, "archive_number", archiveNumber,
                "person_key", personKey, "id_valid", personKey != null, "sex", "1", "birth_date", birthDate,
                "residence_district", district, "household_registration", householdRegistration,
                "archive_opened_date", "2010-01-01", "archive_status", "1"));
    }

    public SilverFixtures childCheckup(String recordId, String personKey, String checkDate, String serviceType) {
        return add("child_checkups", checkDate.substring(0, 7).replace("-", ""), values("record_id", recordId,
                "person_key", personKey, "id_valid", personKey != null, "check_date", checkDate,
                "year", Integer.parseInt(checkDate.substring(0, 4)), "facility_code", "F1", "service_type", serviceType,
                "age_months", 6));
    }

    public SilverFixtures elderlyCheckup(String recordId, String personKey, String checkDate) {
        return add("elderly_checkups", checkDate.substring(0, 7).replace("-", ""), values("record_id", recordId,
                "person_key", personKey, "id_valid", personKey != null, "check_date", checkDate,
                "year", Integer.parseInt(checkDate.substring(0, 4)), "facility_code", "F1", "tcm_constitution_assessed", true));
    }

    public SilverFixtures death(String certificate, String personKey, String district, String birthDate, String deathDate,
                                String cause) {
        return add("deaths", deathDate.substring(0, 7).replace("-", ""), values("certificate_number", certificate,
                "person_key", personKey, "id_valid", personKey != null, "sex", "1", "birth_date", birthDate,
                "death_date", deathDate, "year", Integer.parseInt(deathDate.substring(0, 4)),
                "residence_district", district, "underlying_cause", cause));
    }

    public SilverFixtures childcare(int year, String institutionCode, String district, int approvedPlaces, String status) {
        return add("childcare_institutions", String.valueOf(year), values("year", year, "institution_code", institutionCode,
                "institution_name", "托育 " + institutionCode, "district", district, "approved_places", approvedPlaces,
                "registration_date", "2020-01-01", "institution_status", status));
    }

    public SilverFixtures enrolment(int year, String personKey, String scheme, String status, String enrolmentDate,
                                    String district) {
        return add("insurance_enrolments", year + "_" + district, values("year", year, "person_key", personKey,
                "id_valid", personKey != null, "scheme", scheme, "enrolment_status", status, "enrolment_date", enrolmentDate,
                "enrolment_district", district));
    }

    public SilverFixtures school(int year, String schoolId, String district, String stage, String ownership, Boolean inclusive) {
        return add("schools", String.valueOf(year), values("year", year, "school_id", schoolId, "school_name", "学校 " + schoolId,
                "district", district, "stage", stage, "ownership", ownership, "inclusive", inclusive));
    }

    /** A roll of the school year starting in {@code year}; {@code birthDate} is the one from the ID. */
    public SilverFixtures roll(int year, String studentNumber, String personKey, String birthDate, String schoolId,
                               String grade, String status) {
        return add("student_rolls", String.valueOf(year), values("year", year, "student_number", studentNumber,
                "person_key", personKey, "id_valid", personKey != null, "birth_date", birthDate, "school_id", schoolId,
                "grade", grade, "school_year", year + "-" + (year + 1), "status", status, "mainstream_with_disability", false,
                "entry_date", year + "-09-01"));
    }

    /** A valid or cancelled certificate of the disability register of {@code year}; birth date from the embedded ID. */
    public SilverFixtures certificate(int year, String certificateKey, String personKey, String birthDate, String grade,
                                      String district, String status) {
        return add("disability_certificates", String.valueOf(year), values("year", year, "certificate_key", certificateKey,
                "person_key", personKey, "id_valid", personKey != null, "birth_date", birthDate, "category", "4",
                "grade", grade, "district", district, "issue_date", "2015-01-01", "certificate_status", status));
    }

    /**
     * A payment; with {@code reversedPaymentId} it is a reversal of that payment. net_amount, is_reversal and
     * reversed_by_payment_id are filled in as conform does when the tables are built.
     */
    public SilverFixtures payment(String paymentId, String reversedPaymentId, String personKey, String programme,
                                  String month, String amount, String monthlyStandard, String district) {
        return add("assistance_payments", month, values("payment_id", paymentId, "reversed_payment_id", reversedPaymentId,
                "is_reversal", reversedPaymentId != null, "person_key", personKey, "id_valid", personKey != null,
                "programme", programme, "payment_month", month, "year", Integer.parseInt(month.substring(0, 4)),
                "amount", amount, "household_size", monthlyStandard == null ? null : 1, "monthly_standard", monthlyStandard,
                "district", district));
    }

    /** Year-end population of one district and single age (sex 1); age 100 is the open group 100+. */
    public SilverFixtures population(int year, String district, int age, long persons) {
        return add("population", String.valueOf(year), values("year", year, "district", district, "sex", "1", "age", age,
                "age_open", age == 100, "persons", persons));
    }

    /** Every table, including empty ones, as DataFrames. */
    public Map<String, Dataset<Row>> dataFrames() {
        completePayments();
        Map<String, Dataset<Row>> frames = new LinkedHashMap<>();
        for (String table : SilverTables.names()) {
            StructType schema = SilverTables.schema(table);
            List<Row> converted = new ArrayList<>();
            for (Map<String, Object> row : rows.getOrDefault(table, List.of())) {
                Object[] cells = new Object[schema.fields().length];
                for (int i = 0; i < cells.length; i++) {
                    StructField field = schema.fields()[i];
                    cells[i] = convert(row.get(field.name()), field.dataType());
                }
                converted.add(RowFactory.create(cells));
            }
            frames.put(table, spark.createDataFrame(converted, schema));
        }
        return frames;
    }

    /** Writes the tables that have rows, and the manifest when one was given, as Delta tables under the warehouse. */
    public void write(WarehouseLayout layout) {
        dataFrames().forEach((table, frame) -> {
            if (rows.containsKey(table)) {
                frame.write().format("delta").mode("overwrite").save(layout.silver(table));
            }
        });
        if (!manifest.isEmpty()) {
            manifestFrame().write().format("delta").mode("overwrite").save(layout.ingestManifest());
        }
    }

    private Dataset<Row> manifestFrame() {
        Timestamp now = Timestamp.valueOf("2025-01-15 02:00:00");
        List<Row> manifestRows = new ArrayList<>();
        manifest.forEach((fileId, status) -> manifestRows.add(RowFactory.create(fileId, "/landing/" + fileId, fileId,
                fileId, "test", "test", "2024", null, 100L, fileId, now, now, "batch-1", "ingested", 1L, 1L, 0L, 0L, null,
                status, "quality-1")));
        return ManifestRows.frame(spark, manifestRows);
    }

    /** net_amount (original: its amount plus its reversals; reversal: 0) and reversed_by_payment_id. */
    private void completePayments() {
        List<Map<String, Object>> payments = rows.getOrDefault("assistance_payments", List.of());
        Map<String, Map<String, Object>> byId = new HashMap<>();
        payments.forEach(payment -> byId.put((String) payment.get("payment_id"), payment));
        for (Map<String, Object> payment : payments) {
            payment.put("net_amount", Boolean.TRUE.equals(payment.get("is_reversal")) ? "0" : payment.get("amount"));
            payment.remove("reversed_by_payment_id");
        }
        for (Map<String, Object> payment : payments) {
            Map<String, Object> original = byId.get((String) payment.get("reversed_payment_id"));
            if (original != null) {
                original.put("reversed_by_payment_id", payment.get("payment_id"));
                original.put("net_amount", new BigDecimal(original.get("net_amount").toString())
                        .add(new BigDecimal(payment.get("amount").toString())).toPlainString());
            }
        }
    }

    private SilverFixtures add(String table, String period, Map<String, Object> values) {
        values.put("_sources", List.of(RowFactory.create(delivery, rowNumber++)));
        values.put("_period", period);
        rows.computeIfAbsent(table, name -> new ArrayList<>()).add(values);
        return this;
    }

    private static Map<String, Object> values(Object... namesAndValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return values;
    }

    private static Object convert(Object value, DataType type) {
        if (value == null) {
            return null;
        }
        if (type.equals(DataTypes.DateType)) {
            return Date.valueOf(value.toString());
        }
        if (type instanceof DecimalType) {
            return new BigDecimal(value.toString()).setScale(2);
        }
        if (type.equals(DataTypes.LongType)) {
            return ((Number) value).longValue();
        }
        return value;
    }
}
