package cn.hangzhou.indicators.benchmark;

import cn.hangzhou.indicators.config.ColumnSpec;
import cn.hangzhou.indicators.config.ExtractSchema;
import cn.hangzhou.indicators.config.SchemaCatalog;
import cn.hangzhou.indicators.ingest.LandingFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One extract as the benchmark baselines read it: its schema and its landing files, loaded into a table named after it. */
public record BaselineExtract(ExtractSchema schema, List<LandingFile> files) {

    /** Matches the period (group 1) in a landing file's path, for the baselines' {@code file_period} column. */
    public static final String PERIOD_PATTERN = "_([0-9]{6}|[0-9]{4})(_[0-9]{6})?\\.[a-z]+(\\.gz)?$";

    public BaselineExtract {
        files = List.copyOf(files);
    }

    /** Every extract of the contract with its files in {@code landing} (an extract without files has an empty list). */
    public static List<BaselineExtract> of(Path landing, SchemaCatalog schemas) {
        List<LandingFile> files = BenchLanding.files(landing, schemas);
        List<BaselineExtract> extracts = new ArrayList<>();
        for (ExtractSchema schema : schemas.inContractOrder()) {
            extracts.add(new BaselineExtract(schema, files.stream()
                    .filter(file -> file.department().equals(schema.department()) && file.extract().equals(schema.extract())).toList()));
        }
        return extracts;
    }

    public String table() {
        return schema.extract();
    }

    public List<ColumnSpec> columns() {
        return schema.columns();
    }

    public long bytes() {
        return files.stream().mapToLong(LandingFile::sizeBytes).sum();
    }

    /** The SQL both baselines run on their tables (baseline_indicators.sql). */
    public static String indicatorsSql() {
        try (InputStream in = BaselineExtract.class.getResourceAsStream("baseline_indicators.sql")) {
            if (in == null) {
                throw new IllegalStateException("baseline_indicators.sql is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
