package cn.hangzhou.indicators.benchmark;

import cn.hangzhou.indicators.config.ExtractSchema;
import cn.hangzhou.indicators.config.SchemaCatalog;
import cn.hangzhou.indicators.ingest.LandingDiscovery;
import cn.hangzhou.indicators.ingest.LandingFile;
import cn.hangzhou.indicators.sample.SampleGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;

/** The benchmark's landings: the cached generator output of a scale, and the bench landing built from it minus the last month. */
public final class BenchLanding {

    /** Written into a cached source once the generator finished, so that a half-written cache is not reused. */
    public static final String COMPLETE_MARKER = ".bench-complete";

    private BenchLanding() {
    }

    /** {@code <out>/source/scale-<F>-years-<first>-<last>}, the cache of one generated landing. */
    public static Path source(Path out, double scale, int firstYear, int lastYear) {
        String scaleText = BigDecimal.valueOf(scale).stripTrailingZeros().toPlainString();
        return out.resolve("source").resolve("scale-" + scaleText + "-years-" + firstYear + "-" + lastYear);
    }

    /** Whether the generator finished writing {@code source}: its folder exists with the marker or the truth file. */
    public static boolean isComplete(Path source) {
        Path generator = source.resolve(SampleGenerator.GENERATOR_FOLDER);
        return Files.isDirectory(generator)
                && (Files.exists(source.resolve(COMPLETE_MARKER)) || Files.exists(generator.resolve("truth.csv")));
    }

    public static void markComplete(Path source) {
        try {
            Files.writeString(source.resolve(COMPLETE_MARKER), "written by bin/indicators bench\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The delivered files of a landing, as discovered by the pipeline (names starting with _ or . are passed over). */
    public static List<LandingFile> files(Path landing, SchemaCatalog schemas) {
        return new LandingDiscovery(schemas).walk(landing.toAbsolutePath().toString(), new Configuration()).files();
    }

    /** The files of the last month of every monthly extract: the incremental night's delivery. */
    public static List<LandingFile> lastMonth(List<LandingFile> files, SchemaCatalog schemas) {
        Map<String, String> lastPeriod = new LinkedHashMap<>();
        for (LandingFile file : files) {
            if (schemas.get(file.department() + "/" + file.extract()).periodKind() == ExtractSchema.PeriodKind.MONTH) {
                lastPeriod.merge(file.extract(), file.period(), (first, second) -> first.compareTo(second) >= 0 ? first : second);
            }
        }
        return files.stream().filter(file -> file.period().equals(lastPeriod.get(file.extract()))).toList();
    }

    /**
     * Builds {@code landing} afresh as {@code source} without its generator folders ({@code _generator},
     * {@code _redelivery}, other names starting with _ or .) and without {@code heldBack}; hard links where possible.
     */
    public static void prepare(Path source, Path landing, List<LandingFile> heldBack) {
        deleteTree(landing);
        List<Path> skipped = heldBack.stream().map(file -> pathOf(file).toAbsolutePath().normalize()).toList();
        // a cached source may be a symbolic link to another bench folder's cache
        try (Stream<Path> walk = Files.walk(source, FileVisitOption.FOLLOW_LINKS)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                Path relative = source.relativize(file);
                boolean generatorOnly = false;
                for (Path part : relative) {
                    generatorOnly |= part.toString().startsWith("_") || part.toString().startsWith(".");
                }
                if (!generatorOnly && !skipped.contains(file.toAbsolutePath().normalize())) {
                    link(file, landing.resolve(relative.toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the bench landing " + landing, e);
        }
    }

    /** Drops {@code files} of {@code source} into {@code landing} at the same relative places. */
    public static void deliver(Path source, Path landing, List<LandingFile> files) {
        for (LandingFile file : files) {
            Path from = pathOf(file);
            link(from, landing.resolve(source.toAbsolutePath().relativize(from.toAbsolutePath()).toString()));
        }
    }

    public static Path pathOf(LandingFile file) {
        return Path.of(new org.apache.hadoop.fs.Path(file.path()).toUri().getPath());
    }

    public static long sizeOf(Path folder) {
        if (!Files.exists(folder)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void link(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            try {
                Files.createLink(to, from);
            } catch (IOException | UnsupportedOperationException notLinkable) {
                // another file system, or one without hard links: a copy serves the same
                Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
        }
    }

    public static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            List<Path> paths = new ArrayList<>(walk.toList());
            paths.sort(Comparator.reverseOrder());
            for (Path path : paths) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + folder, e);
        }
    }
}
