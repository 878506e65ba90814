package cn.hangzhou.indicators.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * Produces, inside a Spark task, the parse of one landing file as rows of {@link #SCHEMA} in two streamed passes:
 * the {@code file} row (hashes, row count, rejection, extra columns, the encoding it is read in and warnings) first,
 * then, for a file accepted on it, one {@code record} or {@code quarantined} row per record. Neither pass holds the file or its records. Reads through
 * the Hadoop file system, so it works on a cluster as well as locally.
 */
public final class DeliveryReader implements Serializable {

    public static final String FILE = "file";
    public static final String RECORD = "record";
    public static final String QUARANTINED = "quarantined";

    public static final StructType SCHEMA = new StructType(new StructField[] {
            DataTypes.createStructField("kind", DataTypes.StringType, false),
            DataTypes.createStructField("path", DataTypes.StringType, false),
            DataTypes.createStructField("extract", DataTypes.StringType, false),
            DataTypes.createStructField("file_id", DataTypes.StringType, true),
            DataTypes.createStructField("period", DataTypes.StringType, true),
            DataTypes.createStructField("source_name", DataTypes.StringType, true),
            DataTypes.createStructField("row_number", DataTypes.LongType, true),
            DataTypes.createStructField("values", DataTypes.createArrayType(DataTypes.StringType, true), true),
            DataTypes.createStructField("extra", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true), true),
            DataTypes.createStructField("raw_text", DataTypes.StringType, true),
            DataTypes.createStructField("reasons", DataTypes.createArrayType(DataTypes.StringType, false), true),
            DataTypes.createStructField("sha256", DataTypes.StringType, true),
            DataTypes.createStructField("rows_read", DataTypes.LongType, true),
            DataTypes.createStructField("rows_quarantined", DataTypes.LongType, true),
            DataTypes.createStructField("error_message", DataTypes.StringType, true),
            DataTypes.createStructField("extra_columns", DataTypes.createArrayType(DataTypes.StringType, false), true),
            DataTypes.createStructField("encoding", DataTypes.StringType, true),
            DataTypes.createStructField("warnings", DataTypes.createArrayType(DataTypes.StringType, false), true)});

    /** How many times its delivered size a gzip file may expand to, unless {@link #MINIMUM_CONTENT_LIMIT} is more. */
    public static final int DEFAULT_GZIP_EXPANSION = 64;
    /** A small gzip of a few repeated rows may legitimately expand by far more than 64 times. */
    static final long MINIMUM_CONTENT_LIMIT = 256L * 1024 * 1024;

    /** Opens the bytes of a delivered file, as often as asked. */
    @FunctionalInterface
    public interface DeliveredBytes extends Serializable {
        InputStream open() throws IOException;
    }

    private final Broadcast<SerializableConfiguration> hadoopConfiguration;
    private final Map<String, DeliveryFormat> formats;
    private final int gzipExpansion;

    /** @param formats by extract name */
    public DeliveryReader(Broadcast<SerializableConfiguration> hadoopConfiguration, Map<String, DeliveryFormat> formats,
                          int gzipExpansion) {
        this.hadoopConfiguration = hadoopConfiguration;
        this.formats = Map.copyOf(formats);
        this.gzipExpansion = gzipExpansion;
    }

    /** The delivery's id: unique per file name and bytes, so that identical bytes under two names stay two deliveries. */
    public static String fileId(String fileName, String sha256) {
        return FileDecoder.sha256(fileName + "\n" + sha256);
    }

    /** First pass over a landing file: its {@code file} row (hash, counts, rejection), holding none of its records. */
    public Row summary(LandingFile file) throws IOException {
        return summary(file, bytesOf(file), formats.get(file.extract()), gzipExpansion);
    }

    /** Second pass over a landing file its summary accepted: its rows of the given kind, streamed. */
    public Iterator<Row> rows(ParsedDelivery delivery, String kind) throws IOException {
        LandingFile file = delivery.file();
        return new StreamedRows(file, delivery.fileId(), delivery.sha256(), bytesOf(file),
                readAs(formats.get(file.extract()), delivery.encoding()), gzipExpansion, kind);
    }

    private DeliveredBytes bytesOf(LandingFile file) {
        Broadcast<SerializableConfiguration> configuration = hadoopConfiguration;
        return () -> {
            Path path = new Path(file.path());
            return path.getFileSystem(configuration.value().value()).open(path);
        };
    }

    /** Most bytes a file's content may have: a cap on gzip expansion, so that a gzip bomb is refused, not unpacked. */
    static long contentLimit(long deliveredBytes, int gzipExpansion) {
        return Math.max(MINIMUM_CONTENT_LIMIT, deliveredBytes * gzipExpansion);
    }

    /** The format a file is read in: its schema's, in the encoding the first pass detected (null: the schema's). */
    static DeliveryFormat readAs(DeliveryFormat format, String encoding) {
        return encoding == null ? format : format.withEncoding(encoding);
    }

    /** What the first pass counted in a file's records. */
    private record Counted(long rowsRead, long rowsQuarantined, List<String> extraColumns, List<String> warnings) {
    }

    /**
     * The {@code file} row of a file: reads it through once, hashing every delivered byte and counting its records
     * without keeping them. A file found to be in the other usual encoding is read through again in it, with a warning.
     */
    public static Row summary(LandingFile file, DeliveredBytes bytes, DeliveryFormat format, int gzipExpansion) throws IOException {
        Counted counted = null;
        String rejection = null;
        String detectedEncoding = null;
        String sha256;
        long contentLimit = contentLimit(file.sizeBytes(), gzipExpansion);
        try (InputStream delivered = bytes.open()) {
            DigestInputStream digested = new DigestInputStream(delivered, FileDecoder.digest());
            try {
                try {
                    counted = count(FileDecoder.content(digested, file.fileName(), contentLimit), format, List.of());
                } catch (WrongEncodingException e) {
                    detectedEncoding = e.detected().name();
                    // read again whole in the detected encoding; found wrong once more, it is rejected with the reason
                    try (InputStream again = bytes.open()) {
                        counted = count(FileDecoder.content(again, file.fileName(), contentLimit), readAs(format, detectedEncoding),
                                List.of(e.warning()));
                    }
                }
            } catch (FileRejectedException e) {
                rejection = e.getMessage();
            }
            // the hash covers every delivered byte, also those after a rejection or a gzip's end
            digested.transferTo(OutputStream.nullOutputStream());
            sha256 = HexFormat.of().formatHex(digested.getMessageDigest().digest());
        }
        String fileId = fileId(file.fileName(), sha256);
        if (rejection != null) {
            return RowFactory.create(FILE, file.path(), file.extract(), fileId, file.period(), file.sourceName(), null,
                    null, null, null, null, sha256, null, null, rejection, null, null, null);
        }
        return RowFactory.create(FILE, file.path(), file.extract(), fileId, file.period(), file.sourceName(), null, null, null,
                null, null, sha256, counted.rowsRead(), counted.rowsQuarantined(), null, scalaSeq(counted.extraColumns()),
                detectedEncoding, counted.warnings().isEmpty() ? null : scalaSeq(counted.warnings()));
    }

    /** Counts the records of a content in a format, keeping none; {@code warnings} are those found before. */
    private static Counted count(InputStream content, DeliveryFormat format, List<String> warnings) throws FileRejectedException {
        RecordStream records = FileParser.forFormat(format).open(content);
        long rowsRead = 0;
        long rowsQuarantined = 0;
        for (ParsedFile.Entry entry = records.next(); entry != null; entry = records.next()) {
            rowsRead++;
            if (entry instanceof ParsedFile.QuarantinedRecord) {
                rowsQuarantined++;
            }
        }
        List<String> extraColumns = records.finish();
        List<String> allWarnings = new ArrayList<>(warnings);
        allWarnings.addAll(records.warnings());
        return new Counted(rowsRead, rowsQuarantined, extraColumns, allWarnings);
    }

    /** The rows of one file's bytes, the {@code file} row first; public for tests and benchmarks that have the bytes at hand. */
    public static List<Row> rows(LandingFile file, byte[] delivered, DeliveryFormat format) {
        DeliveredBytes bytes = () -> new ByteArrayInputStream(delivered);
        List<Row> rows = new ArrayList<>();
        try {
            Row summary = summary(file, bytes, format, DEFAULT_GZIP_EXPANSION);
            rows.add(summary);
            if (summary.isNullAt(SCHEMA.fieldIndex("error_message"))) {
                String fileId = summary.getString(SCHEMA.fieldIndex("file_id"));
                String sha256 = summary.getString(SCHEMA.fieldIndex("sha256"));
                DeliveryFormat readAs = readAs(format, summary.getString(SCHEMA.fieldIndex("encoding")));
                for (String kind : List.of(RECORD, QUARANTINED)) {
                    new StreamedRows(file, fileId, sha256, bytes, readAs, DEFAULT_GZIP_EXPANSION, kind).forEachRemaining(rows::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** The {@code record} row of a record read. */
    static Row recordRow(LandingFile file, String fileId, ParsedFile.Record record) {
        return RowFactory.create(RECORD, file.path(), file.extract(), fileId, file.period(), file.sourceName(),
                record.rowNumber(), scalaSeq(Arrays.asList(record.values())),
                record.extraValues() == null ? null : JavaConverters.mapAsScalaMap(record.extraValues()), null, null, null, null, null, null,
                null, null, null);
    }

    /** The {@code quarantined} row of a record that cannot be read. */
    static Row quarantinedRow(LandingFile file, String fileId, ParsedFile.QuarantinedRecord record) {
        return RowFactory.create(QUARANTINED, file.path(), file.extract(), fileId, file.period(), file.sourceName(),
                record.rowNumber(), null, null, record.rawText(), scalaSeq(record.reasons()), null, null, null, null, null, null, null);
    }

    /** Rows built by hand inside a task are encoded by Spark's Scala encoders, which take Scala collections. */
    private static Seq<String> scalaSeq(List<String> values) {
        return JavaConverters.asScalaBuffer(values).toSeq();
    }
}
