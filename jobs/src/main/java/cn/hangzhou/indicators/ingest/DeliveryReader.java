package cn.hangzhou.indicators.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
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
 * Produces, inside a Spark task, the parse of one landing file as rows of {@link #SCHEMA}: one {@code file}
 * row (hashes, row count, rejection, extra columns), then one {@code record} or {@code quarantined} row per
 * record. Reads through the Hadoop file system, so it works on a cluster as well as locally.
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
            DataTypes.createStructField("extra_columns", DataTypes.createArrayType(DataTypes.StringType, false), true)});

    private final Broadcast<SerializableConfiguration> hadoopConfiguration;
    private final Map<String, DeliveryFormat> formats;

    /** @param formats by extract name */
    public DeliveryReader(Broadcast<SerializableConfiguration> hadoopConfiguration, Map<String, DeliveryFormat> formats) {
        this.hadoopConfiguration = hadoopConfiguration;
        this.formats = Map.copyOf(formats);
    }

    /** The delivery's id: unique per file name and bytes, so that identical bytes under two names stay two deliveries. */
    public static String fileId(String fileName, String sha256) {
        return FileDecoder.sha256(fileName + "\n" + sha256);
    }

    public List<Row> read(LandingFile file) throws IOException {
        Path path = new Path(file.path());
        FileSystem fileSystem = path.getFileSystem(hadoopConfiguration.value().value());
        byte[] delivered;
        try (InputStream in = fileSystem.open(path)) {
            delivered = FileDecoder.readAll(in);
        }
        return rows(file, delivered, formats.get(file.extract()));
    }

    /** The rows of one file's bytes; public for tests and benchmarks that have the bytes at hand. */
    public static List<Row> rows(LandingFile file, byte[] delivered, DeliveryFormat format) {
        String sha256 = FileDecoder.sha256(delivered);
        String fileId = fileId(file.fileName(), sha256);
        ParsedFile parsed;
        try {
            parsed = FileParser.forFormat(format).parse(FileDecoder.content(delivered, file.fileName()));
        } catch (FileRejectedException e) {
            return List.of(RowFactory.create(FILE, file.path(), file.extract(), fileId, file.period(), file.sourceName(), null,
                    null, null, null, null, sha256, null, null, e.getMessage(), null));
        }
        List<Row> rows = new ArrayList<>(parsed.records().size() + parsed.quarantined().size() + 1);
        rows.add(RowFactory.create(FILE, file.path(), file.extract(), fileId, file.period(), file.sourceName(), null, null, null,
                null, null, sha256, parsed.rowsRead(), (long) parsed.quarantined().size(), null, scalaSeq(parsed.extraColumns())));
        for (ParsedFile.Record record : parsed.records()) {
            rows.add(RowFactory.create(RECORD, file.path(), file.extract(), fileId, file.period(), file.sourceName(),
                    record.rowNumber(), scalaSeq(Arrays.asList(record.values())),
                    record.extraValues() == null ? null : JavaConverters.mapAsScalaMap(record.extraValues()), null, null, null, null, null, null,
                    null));
        }
        for (ParsedFile.QuarantinedRecord record : parsed.quarantined()) {
            rows.add(RowFactory.create(QUARANTINED, file.path(), file.extract(), fileId, file.period(), file.sourceName(),
                    record.rowNumber(), null, null, record.rawText(), scalaSeq(record.reasons()), null, null, null, null, null));
        }
        return rows;
    }

    /** Rows built by hand inside a task are encoded by Spark's Scala encoders, which take Scala collections. */
    private static Seq<String> scalaSeq(List<String> values) {
        return JavaConverters.asScalaBuffer(values).toSeq();
    }
}
