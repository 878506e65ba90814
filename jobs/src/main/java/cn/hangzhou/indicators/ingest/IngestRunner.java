package cn.hangzhou.indicators.ingest;

import cn.hangzhou.indicators.config.ExtractSchema;
import cn.hangzhou.indicators.config.RunSettings;
import cn.hangzhou.indicators.ops.RunContext;
import cn.hangzhou.indicators.ops.StageMetrics;
import cn.hangzhou.indicators.ops.WarehouseLayout;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one ingest: discovers the landing files, reads the new ones through once for their hash and counts (one
 * Spark task per file), streams the accepted ones again into bronze (one commit per extract) and quarantine (one
 * commit), checks the row accounting of this run's files and records the manifest last, so that a crash before
 * the manifest commit leaves nothing counted as ingested.
 */
public final class IngestRunner {

    private static final Logger LOG = LoggerFactory.getLogger(IngestRunner.class);
    /** Spark setting: how many times its delivered size a gzip file may expand to (see docs/ingestion.md). */
    public static final String GZIP_EXPANSION_SETTING = "indicators.ingest.gzipMaximumExpansion";

    private final SparkSession spark;
    private final RunSettings settings;
    private final WarehouseLayout layout;
    private final RunContext runContext;

    public IngestRunner(SparkSession spark, RunSettings settings, RunContext runContext) {
        this.spark = spark;
        this.settings = settings;
        this.runContext = runContext;
        this.layout = new WarehouseLayout(settings.warehouse());
    }

    /** Ingests the landing zone; the run's id is the batch id of everything it writes. */
    public IngestReport run() {
        StageMetrics.Stage discovering = StageMetrics.start("discover");
        String batchId = runContext.runId();
        Timestamp now = Timestamp.from(Instant.now());
        Map<String, DeliveryFormat> formats = new LinkedHashMap<>();
        for (ExtractSchema schema : settings.schemas().inContractOrder()) {
            formats.put(schema.extract(), DeliveryFormat.of(schema));
        }
        LandingDiscovery.Result discovery = new LandingDiscovery(settings.schemas())
                .walk(settings.landing(), spark.sparkContext().hadoopConfiguration());
        discovery.unknown().forEach(file -> LOG.warn("unknown file {}: {}; not ingested", file.path(), file.reason()));

        IngestManifest manifest = new IngestManifest(spark, layout.ingestManifest());
        List<ManifestEntry> known = manifest.read();
        BronzeWriter writer = new BronzeWriter(spark, layout);
        removeOrphans(writer, formats, known);

        Set<String> unchanged = new HashSet<>();
        known.forEach(entry -> unchanged.add(ManifestEntry.unchangedKey(entry.path(), entry.sizeBytes(), entry.modifiedAt().getTime())));
        List<LandingFile> newFiles = discovery.files().stream()
                .filter(file -> !unchanged.contains(ManifestEntry.unchangedKey(file.path(), file.sizeBytes(), file.modifiedAt()))).toList();
        int alreadyKnown = discovery.files().size() - newFiles.size();
        discovering.rows(discovery.files().size()).close();
        StageMetrics.Stage ingesting = StageMetrics.start("ingest").bytes(newFiles.stream().mapToLong(LandingFile::sizeBytes).sum());
        LOG.info("batch {}: {} landing files of known extracts, {} new or changed, {} unknown", batchId,
                discovery.files().size(), newFiles.size(), discovery.unknown().size());
        if (newFiles.isEmpty()) {
            // nothing new: the manifest and the tables' logs are all this run reads
            ingesting.rows(0).close();
            return new IngestReport(batchId, discovery.files().size(), alreadyKnown, List.of(), List.of(), discovery.unknown());
        }

        try {
            DeliveryReader reader = reader(formats);
            List<ParsedDelivery> deliveries = deliveries(summaries(reader, newFiles), newFiles);
            DeliveryClassifier.Decision decision = DeliveryClassifier.classify(known, deliveries, batchId, now);
            decision.entries().stream().filter(entry -> entry.status().equals(ManifestEntry.REJECTED))
                    .forEach(entry -> LOG.warn("rejected {}: {}", entry.path(), entry.errorMessage()));
            decision.entries().forEach(entry -> entry.ingestWarnings()
                    .forEach(warning -> LOG.warn("read with a warning {}: {}", entry.path(), warning)));
            List<ManifestEntry> entries = writeBronze(writer, new RowAccounting(spark, layout), reader, deliveries, decision, formats,
                    batchId, now);
            manifest.record(entries, decision.supersessions());
            ingesting.rows(deliveries.stream().mapToLong(delivery -> delivery.rowsRead() == null ? 0 : delivery.rowsRead()).sum());
            return new IngestReport(batchId, discovery.files().size(), alreadyKnown, entries, decision.supersessions(),
                    discovery.unknown());
        } finally {
            ingesting.close();
        }
    }

    private void removeOrphans(BronzeWriter writer, Map<String, DeliveryFormat> formats, List<ManifestEntry> known) {
        Set<String> ingested = new HashSet<>();
        Set<String> quarantineKept = new HashSet<>();
        for (ManifestEntry entry : known) {
            if (entry.status().equals(ManifestEntry.INGESTED)) {
                ingested.add(entry.fileId());
                quarantineKept.add(entry.fileId());
            } else if (entry.status().equals(ManifestEntry.SUPERSEDED)) {
                quarantineKept.add(entry.fileId());
            }
        }
        Set<String> recordedBatches = new HashSet<>();
        known.forEach(entry -> recordedBatches.add(entry.batchId()));
        writer.removeOrphans(formats.keySet(), ingested, quarantineKept, recordedBatches);
    }

    private DeliveryReader reader(Map<String, DeliveryFormat> formats) {
        Broadcast<SerializableConfiguration> configuration = context().broadcast(
                new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
        int gzipExpansion = Integer.parseInt(spark.conf().get(GZIP_EXPANSION_SETTING, String.valueOf(DeliveryReader.DEFAULT_GZIP_EXPANSION)));
        return new DeliveryReader(configuration, formats, gzipExpansion);
    }

    private JavaSparkContext context() {
        return JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    /** The first pass: one task per file (small files share one), each returning its files' {@code file} rows only. */
    private List<Row> summaries(DeliveryReader reader, List<LandingFile> files) {
        List<List<LandingFile>> groups = TaskGroups.bySize(files, LandingFile::sizeBytes);
        return context().parallelize(groups, groups.size()).flatMap(group -> {
            List<Row> rows = new ArrayList<>(group.size());
            for (LandingFile file : group) {
                rows.add(reader.summary(file));
            }
            return rows.iterator();
        }).collect();
    }

    /** The second pass over the given files (one task each, small files share one): their rows of one kind, as a DataFrame of {@link DeliveryReader#SCHEMA}. */
    private Dataset<Row> rowsOf(DeliveryReader reader, List<ParsedDelivery> files, String kind) {
        List<List<ParsedDelivery>> groups = TaskGroups.bySize(files, file -> file.file().sizeBytes());
        return spark.createDataFrame(context().parallelize(groups, groups.size())
                        .flatMap(group -> new ChainedIterator<>(group, file -> reader.rows(file, kind))),
                DeliveryReader.SCHEMA);
    }

    private static List<ParsedDelivery> deliveries(List<Row> summaries, List<LandingFile> files) {
        Map<String, LandingFile> byPath = new LinkedHashMap<>();
        files.forEach(file -> byPath.put(file.path(), file));
        List<ParsedDelivery> deliveries = new ArrayList<>();
        StructType schema = DeliveryReader.SCHEMA;
        for (Row row : summaries) {
            int rowsRead = schema.fieldIndex("rows_read");
            int rowsQuarantined = schema.fieldIndex("rows_quarantined");
            int extraColumns = schema.fieldIndex("extra_columns");
            int warnings = schema.fieldIndex("warnings");
            deliveries.add(new ParsedDelivery(byPath.get(row.getString(schema.fieldIndex("path"))),
                    row.getString(schema.fieldIndex("file_id")), row.getString(schema.fieldIndex("sha256")),
                    row.isNullAt(rowsRead) ? null : row.getLong(rowsRead), row.isNullAt(rowsQuarantined) ? null : row.getLong(rowsQuarantined),
                    row.getString(schema.fieldIndex("error_message")), row.isNullAt(extraColumns) ? List.of() : row.getList(extraColumns),
                    row.getString(schema.fieldIndex("encoding")), row.isNullAt(warnings) ? List.of() : row.getList(warnings)));
        }
        return deliveries;
    }

    /** Writes the ingested files' rows, checks their accounting and returns the manifest rows with counts and versions. */
    private List<ManifestEntry> writeBronze(BronzeWriter writer, RowAccounting accounting, DeliveryReader reader,
                                            List<ParsedDelivery> deliveries, DeliveryClassifier.Decision decision, Map<String, DeliveryFormat> formats,
                                            String batchId, Timestamp now) {
        List<ManifestEntry> ingested = decision.ingested();
        // by path: a duplicate met in the same run has the same file_id as the file taken
        Map<String, ParsedDelivery> byPath = new LinkedHashMap<>();
        deliveries.forEach(delivery -> byPath.put(delivery.file().path(), delivery));
        Map<String, List<ManifestEntry>> byExtract = new LinkedHashMap<>();
        ingested.forEach(entry -> byExtract.computeIfAbsent(entry.extract(), extract -> new ArrayList<>()).add(entry));
        Map<String, Long> versions = new LinkedHashMap<>();
        for (Map.Entry<String, List<ManifestEntry>> extract : byExtract.entrySet()) {
            List<ParsedDelivery> files = extract.getValue().stream().map(entry -> byPath.get(entry.path())).toList();
            long version = writer.writeExtract(formats.get(extract.getKey()), rowsOf(reader, files, DeliveryReader.RECORD),
                    extract.getValue().stream().map(ManifestEntry::sourceName).toList(), batchId, now);
            versions.put(extract.getKey(), version);
            LOG.info("bronze {}: {} file(s) committed as version {}", extract.getKey(), files.size(), version);
        }
        List<String> ingestedIds = ingested.stream().map(ManifestEntry::fileId).toList();
        Map<String, Long> parsedQuarantined = new LinkedHashMap<>();
        deliveries.forEach(delivery -> parsedQuarantined.put(delivery.fileId(), delivery.rowsQuarantined()));
        List<ParsedDelivery> withQuarantined = ingested.stream().map(entry -> byPath.get(entry.path()))
                .filter(delivery -> delivery.rowsQuarantined() > 0).toList();
        if (!withQuarantined.isEmpty()) {
            writer.writeQuarantine(rowsOf(reader, withQuarantined, DeliveryReader.QUARANTINED), batchId, now);
        } else if (!ingested.isEmpty()) {
            writer.ensureQuarantine();
        }
        Map<String, RowAccounting.Counts> counts = accounting.count(byExtract.keySet(), ingestedIds);
        List<ManifestEntry> entries = new ArrayList<>();
        StringBuilder mismatches = new StringBuilder();
        for (ManifestEntry entry : decision.entries()) {
            if (!entry.status().equals(ManifestEntry.INGESTED)) {
                entries.add(entry);
                continue;
            }
            RowAccounting.Counts found = counts.get(entry.fileId());
            if (found.total() != entry.rowsRead() || found.quarantined() != parsedQuarantined.get(entry.fileId())) {
                mismatches.append("\n  ").append(entry.path()).append(": read ").append(entry.rowsRead()).append(", bronze ")
                        .append(found.accepted()).append(", quarantine ").append(found.quarantined());
            }
            entries.add(entry.withBronze(found.accepted(), found.quarantined(), versions.get(entry.extract())));
        }
        if (!mismatches.isEmpty()) {
            throw new IllegalStateException("row accounting does not balance; nothing recorded in the manifest:" + mismatches);
        }
        return entries;
    }
}
