package cn.hangzhou.indicators.testing;

import cn.hangzhou.indicators.config.ExtractSchema;
import cn.hangzhou.indicators.config.ResidentIdNumbers;
import cn.hangzhou.indicators.config.SchemaCatalog;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Bronze tables and ingest-manifest rows as ingestion writes them (docs/data-model.md), built from rows of
 * strings, so that the quality gate can be tested before ingestion exists: {@code delivery(...).row(...).ingest()}.
 */
public final class QualityFixtures {

    private final SparkSession spark;
    private final WarehouseLayout layout;
    private final SchemaCatalog schemas;

    public QualityFixtures(SparkSession spark, WarehouseLayout layout) {
        this.spark = spark;
        this.layout = layout;
        this.schemas = ProjectFiles.schemas();
    }

    public WarehouseLayout layout() {
        return layout;
    }

    public ExtractSchema schema(String extract) {
        return schemas.inContractOrder().stream().filter(schema -> schema.extract().equals(extract)).findFirst().orElseThrow();
    }

    /** A delivery of {@code extract} for {@code period}, named as the schema's file pattern says. */
    public DeliveryBuilder delivery(String extract, String period) {
        return new DeliveryBuilder(schema(extract), period, null);
    }

    /** A delivery of a per-district extract (enrolments). */
    public DeliveryBuilder delivery(String extract, String period, String district) {
        return new DeliveryBuilder(schema(extract), period, district);
    }

    /** Rows of one delivery; {@link #ingest()} appends them to bronze and the manifest and returns the file id. */
    public final class DeliveryBuilder {
        private final ExtractSchema schema;
        private final String period;
        private final String district;
        private final List<String[]> rows = new ArrayList<>();

        private DeliveryBuilder(ExtractSchema schema, String period, String district) {
            this.schema = schema;
            this.period = period;
            this.district = district;
        }

        /** One record, values in the schema's column order as delivered (null where the field is absent). */
        public DeliveryBuilder row(String... values) {
            if (values.length != schema.columns().size()) {
                throw new IllegalArgumentException(schema.extract() + " has " + schema.columns().size() + " columns, got " + values.length);
            }
            rows.add(values);
            return this;
        }

        public DeliveryBuilder rows(List<String[]> records) {
            records.forEach(this::row);
            return this;
        }

        public String ingest() {
            return QualityFixtures.this.ingest(List.of(this)).get(0);
        }

        private String sourceName() {
            return schema.fileName(period, district);
        }

        private String fileId() {
            return sha256(sourceName() + rows.stream().map(Arrays::toString).reduce("", String::concat));
        }

        private List<Row> bronzeRows(Timestamp now) {
            List<Row> bronzeRows = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                int fields = rows.get(i).length;
                Object[] values = Arrays.copyOf(rows.get(i), fields + 7, Object[].class);
                values[fields] = null;
                values[fields + 1] = fileId();
                values[fields + 2] = (long) i + 2;
                values[fields + 3] = period;
                values[fields + 4] = sourceName();
                values[fields + 5] = BATCH;
                values[fields + 6] = now;
                bronzeRows.add(RowFactory.create(values));
            }
            return bronzeRows;
        }

        private Row manifestRow(Timestamp now) {
            return RowFactory.create(fileId(), "/landing/" + schema.id() + "/" + sourceName(), sourceName(), sourceName(),
                    schema.department(), schema.extract(), period, district, 1000L, fileId(), now, now, BATCH, "ingested",
                    (long) rows.size(), (long) rows.size(), 0L, 0L, null, null, null);
        }
    }

    private static final String BATCH = "ingest-test";

    /**
     * Appends deliveries of one extract to its bronze table and to the manifest, one commit each (as one ingest run
     * does); returns their file ids in the order given.
     */
    public List<String> ingest(List<DeliveryBuilder> deliveries) {
        ExtractSchema schema = deliveries.get(0).schema;
        if (deliveries.stream().anyMatch(delivery -> delivery.schema != schema)) {
            throw new IllegalArgumentException("deliveries of several extracts: ingest each extract's on its own");
        }
        Timestamp now = Timestamp.from(Instant.now());
        List<Row> bronzeRows = new ArrayList<>();
        List<Row> manifestRows = new ArrayList<>();
        for (DeliveryBuilder delivery : deliveries) {
            bronzeRows.addAll(delivery.bronzeRows(now));
            manifestRows.add(delivery.manifestRow(now));
        }
        StructType bronzeSchema = cn.hangzhou.indicators.quality.QualityGate.bronzeSchema(schema);
        spark.createDataFrame(bronzeRows, bronzeSchema).write().format("delta").mode("append").save(layout.bronze(schema.extract()));
        ManifestRows.frame(spark, manifestRows).write().format("delta").mode("append").save(layout.ingestManifest());
        return deliveries.stream().map(DeliveryBuilder::fileId).toList();
    }

    /** A valid resident ID number: a Hangzhou address code, the birth date, a sequence and the right check character. */
    public static String idNumber(String birthDate, int sequence) {
        String first17 = "330102" + birthDate.replace("-", "") + String.format("%03d", sequence % 1000);
        return first17 + ResidentIdNumbers.checkCharacter(first17);
    }

    /** The same ID number with a wrong check character. */
    public static String withWrongCheckCharacter(String idNumber) {
        char right = idNumber.charAt(17);
        return idNumber.substring(0, 17) + (right == '0' ? '1' : '0');
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
