package cn.hangzhou.indicators.sample;

import cn.hangzhou.indicators.config.ExtractSchema;
import cn.hangzhou.indicators.config.SchemaCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.nio.file.Path;

/** Opens delivered files (gzip share, landing or {@code _redelivery/}, row defects) and remembers them. */
final class Deliveries {

    static final String REDELIVERY = "_redelivery/";
    private static final double GZIP_SHARE = 0.2;

    /** A file written: where, its extract, and how many records. */
    record WrittenFile(String relativePath, String extract, long records, DefectKind fileDefect) {
    }

    private final Path root;
    private final SchemaCatalog schemas;
    private final FileDefectPlan plan;
    private final RowDefects rowDefects;
    private final DefectLog log;
    private final RandomStreams random;
    private final Map<String, Set<DefectKind>> owed = new HashMap<>();
    private final Map<String, String> lastKeyByExtract = new HashMap<>();
    private final List<WrittenFile> written = new ArrayList<>();

    Deliveries(Path root, SchemaCatalog schemas, FileDefectPlan plan, double defectRate, RandomStreams random, DefectLog log) {
        this.root = root;
        this.schemas = schemas;
        this.plan = plan;
        this.random = random;
        this.rowDefects = defectRate > 0 ? new RowDefects(defectRate, random) : null;
        this.log = log;
        if (defectRate > 0) {
            for (String extract : SchemaCatalog.CONTRACT_EXTRACTS) {
                owed.put(extract, RowDefects.owedKinds(extract));
            }
        }
    }

    ExtractSchema schema(String extractId) {
        return schemas.get(extractId);
    }

    ExtractWriter open(String extractId, String period, String district) {
        ExtractSchema schema = schemas.get(extractId);
        String base = schema.id() + "/" + schema.fileName(period, district);
        DefectKind fileDefect = plan.kind(base);
        Boolean forcedGzip = plan.gzip(base);
        boolean gzip = forcedGzip != null ? forcedGzip
                : random.uniform(900, RandomStreams.hashText(base)) < GZIP_SHARE;
        String name = base + (gzip ? ".gz" : "");
        String location = fileDefect != null && FileDefectPlan.DAMAGED_IN_LANDING.contains(fileDefect) ? REDELIVERY + name : name;
        // the statistics bureau's population is every rate's denominator: kept clean so the calibration holds
        RowDefects defects = fileDefect == null && !extractId.equals("reference/population") ? rowDefects : null;
        RowDefects.FileContext context = defects == null ? null
                : new RowDefects.FileContext(schema, location, owed.get(extractId), lastKeyByExtract.get(extractId));
        return new ExtractWriter(root, location, schema, schema.charset(), defects, context, log);
    }

    void closed(ExtractWriter writer, String extractId) {
        writer.close();
        if (writer.firstKey() != null) {
            lastKeyByExtract.put(extractId, writer.firstKey());
        }
        String base = writer.relativePath().replaceFirst("^" + REDELIVERY, "").replaceFirst("\\.gz$", "");
        written.add(new WrittenFile(writer.relativePath(), extractId, writer.records(), plan.kind(base)));
    }

    List<WrittenFile> written() {
        return written;
    }

    /** Row-level kinds that no file has received (empty when the rate is 0 or every kind was injected). */
    List<DefectKind> stillOwed() {
        List<DefectKind> missing = new ArrayList<>();
        owed.values().forEach(missing::addAll);
        return missing;
    }
}
