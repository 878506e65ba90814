package cn.hangzhou.indicators.sample;

import cn.hangzhou.indicators.config.ReferenceData;
import cn.hangzhou.indicators.config.SchemaCatalog;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Writes a landing tree of all eleven extracts for a synthetic, consistent city (see docs/generator.md). */
public final class SampleGenerator {

    /** Where the generator's own files go, beside the extracts; readers skip folders starting with {@code _}. */
    public static final String GENERATOR_FOLDER = "_generator";
    public static final String REDELIVERY_FOLDER = "_redelivery";

    /** What to generate. */
    public record Settings(Path out, double scale, int firstYear, int lastYear, long seed, double defectRate) {
        public Settings {
            if (!(scale > 0)) {
                throw new IllegalArgumentException("scale must be greater than 0, got " + scale);
            }
            if (firstYear < Calibration.FIRST_SIMULATED_YEAR || lastYear < firstYear || lastYear > 2035) {
                throw new IllegalArgumentException("years must lie within " + Calibration.FIRST_SIMULATED_YEAR
                        + "-2035 with the first not after the last, got " + firstYear + "-" + lastYear);
            }
            if (!(defectRate >= 0 && defectRate <= 0.5)) {
                throw new IllegalArgumentException("defect rate must be within [0, 0.5], got " + defectRate);
            }
        }
    }

    /** What was generated. */
    public record Summary(Path out, int files, long records, long defects, Map<String, Long> defectsByKind,
                          List<String> kindsMissing, Path manifest) {
    }

    private SampleGenerator() {
    }

    /** True when the folder is missing, empty, or holds an earlier generator run (which may be replaced). */
    public static boolean isReplaceable(Path folder) {
        if (!Files.isDirectory(folder)) {
            return !Files.exists(folder);
        }
        if (Files.exists(folder.resolve(GENERATOR_FOLDER).resolve("run.json"))) {
            return true;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Summary generate(Settings settings, SchemaCatalog schemas, ReferenceData reference) {
        Path out = settings.out().toAbsolutePath().normalize();
        if (!isReplaceable(out)) {
            throw new IllegalArgumentException(out + " is not empty and was not written by the generator; choose another folder");
        }
        deleteTree(out);
        RandomStreams random = new RandomStreams(settings.seed());
        Calibration calibration = new Calibration(reference.districts());
        Population population = new Population(calibration, random, settings.scale());
        PersonTraits traits = new PersonTraits(population, calibration, random, new SchoolRegistry(reference.districts(), population));
        TruthTable truth = new TruthTable();
        Path manifest = out.resolve(GENERATOR_FOLDER).resolve("defects.jsonl");
        Deliveries deliveries;
        try (DefectLog log = new DefectLog(manifest)) {
            deliveries = new Deliveries(out, schemas, new FileDefectPlan(settings.firstYear(), settings.defectRate() > 0),
                    settings.defectRate(), random, log);
            for (int year = Calibration.FIRST_SIMULATED_YEAR; year <= settings.lastYear(); year++) {
                population.simulate(year);
                if (year >= settings.firstYear()) {
                    writeYear(new YearContext(year, population, calibration, random, deliveries, truth, traits, settings.scale()));
                }
            }
            for (Deliveries.WrittenFile file : deliveries.written()) {
                if (file.fileDefect() != null) {
                    FileDefects.apply(out, file, log);
                }
            }
            truth.write(out.resolve(GENERATOR_FOLDER).resolve("truth.csv"));
            Map<String, Long> byKind = new LinkedHashMap<>();
            log.counts().forEach((kind, count) -> byKind.put(kind.manifestName(), count));
            List<String> missing = deliveries.stillOwed().stream().map(DefectKind::manifestName).sorted().toList();
            long records = deliveries.written().stream().mapToLong(Deliveries.WrittenFile::records).sum();
            Summary summary = new Summary(out, deliveries.written().size(), records, log.total(), byKind, missing, manifest);
            writeRunFile(out, settings, deliveries, summary);
            return summary;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeYear(YearContext context) {
        for (String indicator : List.of("T2-03", "T2-06", "T2-07", "T2-09a", "T2-09b", "T2-09c", "T2-21", "T2-26", "T2-27",
                "T2-44", "T2-45")) {
            for (int d = 0; d < context.districts.size(); d++) {
                context.truth.put(indicator, context.districtCode(d), context.year, context.calibration.districtRate(indicator, d, context.year));
            }
            context.truth.put(indicator, TruthTable.CITY, context.year, Calibration.cityValue(indicator, context.year));
        }
        PopulationAndChildcare.write(context);
        HealthExtracts health = new HealthExtracts(context);
        InsuranceExtracts insurance = new InsuranceExtracts(context);
        EducationExtracts education = new EducationExtracts(context);
        AssistanceExtracts assistance = new AssistanceExtracts(context);
        Population population = context.population;
        for (int person = 0; person < population.size; person++) {
            if (!context.presentInYear(person)) {
                continue;
            }
            String idNumber = population.idNumber(person);
            String name = population.name(person);
            health.person(person, idNumber, name);
            insurance.person(person, idNumber, name);
            education.person(person, idNumber);
            assistance.person(person, idNumber, name);
        }
        health.close();
        insurance.close();
        education.close();
        assistance.close();
    }

    private static void writeRunFile(Path out, Settings settings, Deliveries deliveries, Summary summary) throws IOException {
        Map<String, Object> run = new LinkedHashMap<>();
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("scale", settings.scale());
        arguments.put("years", settings.firstYear() + "-" + settings.lastYear());
        arguments.put("seed", settings.seed());
        arguments.put("defects", settings.defectRate());
        run.put("generator", "cn.hangzhou.indicators.sample.SampleGenerator");
        run.put("arguments", arguments);
        run.put("row_convention", "row = 1-based physical line where the record starts; header is line 1, first data row 2; JSON Lines start at 1");
        run.put("files_written", summary.files());
        run.put("records_written", summary.records());
        run.put("defects", summary.defects());
        run.put("defects_by_kind", summary.defectsByKind());
        run.put("kinds_missing", summary.kindsMissing());
        List<Map<String, Object>> files = new ArrayList<>();
        Map<String, Deliveries.WrittenFile> byPath = new LinkedHashMap<>();
        deliveries.written().forEach(file -> byPath.put(file.relativePath(), file));
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path path : walk.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList()) {
                String relative = out.relativize(path).toString().replace('\\', '/');
                if (relative.startsWith(GENERATOR_FOLDER + "/")) {
                    continue;
                }
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("file", relative);
                entry.put("bytes", Files.size(path));
                Deliveries.WrittenFile written = byPath.get(relative);
                entry.put("records", written == null ? null : written.records());
                files.add(entry);
            }
        }
        run.put("files", files);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(out.resolve(GENERATOR_FOLDER).resolve("run.json").toFile(), run);
    }

    private static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!path.equals(folder)) {
                    Files.delete(path);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
