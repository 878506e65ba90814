package cn.hangzhou.indicators.cli;

import cn.hangzhou.indicators.benchmark.BareSparkBaseline;
import cn.hangzhou.indicators.benchmark.BenchLanding;
import cn.hangzhou.indicators.benchmark.BenchReport;
import cn.hangzhou.indicators.benchmark.ChildProcess;
import cn.hangzhou.indicators.benchmark.ChildRun;
import cn.hangzhou.indicators.benchmark.DuckDbBaseline;
import cn.hangzhou.indicators.benchmark.Machine;
import cn.hangzhou.indicators.benchmark.WarehouseStorage;
import cn.hangzhou.indicators.config.ConfigurationException;
import cn.hangzhou.indicators.config.ProjectHome;
import cn.hangzhou.indicators.config.SchemaCatalog;
import cn.hangzhou.indicators.ingest.LandingFile;
import cn.hangzhou.indicators.ops.SparkSessions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench}: the pipeline's cold, incremental and nothing-new nights against DuckDB and bare Spark baselines on one landing. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks the pipeline on a generated landing of the given scale (cached under DIR/source/): a cold",
                "nightly into a fresh warehouse without the last month of each monthly extract, an incremental night with",
                "that month, a nothing-new night, then a DuckDB and a bare Spark baseline on the same files. Each run is a",
                "child JVM; prints per-stage tables and ratios and appends them to docs/benchmarks.md and DIR/bench-<time>.md."})
public class BenchCommand implements Callable<Integer> {

    private static final String LAUNCHER_MAIN = IndicatorsCommand.class.getName();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--scale", required = true, paramLabel = "F", description = "share of the city's residents, as for generate")
    double scale;

    @Option(names = "--years", defaultValue = "2024", paramLabel = "YYYY[-YYYY]", converter = YearsConverter.class,
            description = "years of the landing (default: ${DEFAULT-VALUE})")
    YearsConverter.Years years;

    @Option(names = "--out", defaultValue = "data/bench", paramLabel = "DIR",
            description = "folder for the cached landing, the bench landing and warehouse, and the run files (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--seed", defaultValue = "20211231", paramLabel = "N", description = "generator seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--defects", defaultValue = "0.002", paramLabel = "RATE", description = "generator defect rate (default: ${DEFAULT-VALUE})")
    double defects;

    @Option(names = "--skip-baselines", description = "run the three nights only, not DuckDB and bare Spark")
    boolean skipBaselines;

    @Option(names = "--conf", paramLabel = "FILE", description = "pipeline configuration for the nights (default: conf/pipeline.yaml)")
    Path configFile;

    @Option(names = "--profile", paramLabel = "NAME", description = "profile for the nights (default: the configuration's default)")
    String profile;

    @Override
    public Integer call() {
        PrintWriter terminal = spec.commandLine().getOut();
        Path home = ProjectHome.locate();
        Path folder = out.toAbsolutePath().normalize();
        int firstYear = years.values().get(0);
        int lastYear = years.values().get(years.values().size() - 1);
        ZonedDateTime startedAt = ZonedDateTime.now(ZoneOffset.UTC);
        String loadAtStart = Machine.loadAverage();
        Path runs = folder.resolve("runs").resolve(startedAt.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        ChildProcess children = new ChildProcess(runs, terminal);

        Path source = BenchLanding.source(folder, scale, firstYear, lastYear);
        if (BenchLanding.isComplete(source)) {
            terminal.println("bench: reusing the generated landing " + source);
        } else {
            terminal.println("bench: generating the landing " + source + " (cached for later runs)");
            ChildRun generated = children.run("generate", List.of(), LAUNCHER_MAIN, List.of("generate", "--out", source.toString(),
                    "--scale", String.valueOf(scale), "--years", firstYear + "-" + lastYear, "--seed", String.valueOf(seed),
                    "--defects", String.valueOf(defects)));
            if (generated.exitCode() != ExitCodes.OK) {
                return generated.exitCode();
            }
            BenchLanding.markComplete(source);
        }
        SchemaCatalog schemas = SchemaCatalog.load(ProjectHome.schemas(home));
        List<LandingFile> files = BenchLanding.files(source, schemas);
        List<LandingFile> lastMonth = BenchLanding.lastMonth(files, schemas);
        Path landing = folder.resolve("landing");
        Path warehouse = folder.resolve("warehouse");
        BenchLanding.deleteTree(warehouse);
        BenchLanding.prepare(source, landing, lastMonth);
        terminal.printf("bench: landing %s (%d files; %d held back for the incremental night), warehouse %s%n", landing,
                files.size(), lastMonth.size(), warehouse);
        terminal.flush();

        List<String> nightly = new ArrayList<>(List.of("nightly", "--landing", landing.toString(), "--warehouse", warehouse.toString()));
        if (configFile != null) {
            nightly.addAll(List.of("--conf", configFile.toAbsolutePath().toString()));
        }
        if (profile != null) {
            nightly.addAll(List.of("--profile", profile));
        }
        List<ChildRun> nights = new ArrayList<>();
        List<ChildRun> baselines = new ArrayList<>();
        Path report = folder.resolve("bench-" + startedAt.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".md");
        Runnable progressReport = () -> write(report, render(startedAt, loadAtStart, files, lastMonth, landing, nights, baselines, List.of()));
        nights.add(night(children, terminal, "cold-night", nightly));
        progressReport.run();
        BenchLanding.deliver(source, landing, lastMonth);
        nights.add(night(children, terminal, "incremental-night", nightly));
        progressReport.run();
        nights.add(night(children, terminal, "nothing-new-night", nightly));
        progressReport.run();
        if (!skipBaselines) {
            Path work = folder.resolve("baselines");
            baselines.add(baseline(children, terminal, "duckdb", benchLibraries(home), DuckDbBaseline.class.getName(),
                    List.of(landing.toString(), work.resolve("duckdb").toString())));
            progressReport.run();
            baselines.add(baseline(children, terminal, "bare-spark", List.of(), BareSparkBaseline.class.getName(),
                    List.of(landing.toString(), work.resolve("bare-spark").toString())));
            progressReport.run();
        }

        terminal.println("bench: measuring the warehouse's tables");
        terminal.flush();
        String section = render(startedAt, loadAtStart, files, lastMonth, landing, nights, baselines, measureStorage(warehouse));
        terminal.println();
        terminal.println(section);
        write(report, section);
        Path benchmarks = home.resolve("docs").resolve("benchmarks.md");
        append(benchmarks, "\n" + section);
        terminal.println("bench: appended to " + benchmarks + " and written to " + report);
        terminal.flush();
        boolean allSucceeded = Stream.concat(nights.stream(), baselines.stream())
                .allMatch(run -> run.exitCode() == ExitCodes.OK || run.exitCode() == ExitCodes.INPUT_REJECTED);
        return allSucceeded ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    /** The report so far; the storage table is empty until the end. */
    private String render(ZonedDateTime startedAt, String loadAtStart, List<LandingFile> files, List<LandingFile> lastMonth, Path landing,
                          List<ChildRun> nights, List<ChildRun> baselines, List<WarehouseStorage.Table> storage) {
        long landingRecords = nights.stream().flatMap(run -> run.stage("ingest").stream()).mapToLong(stage -> Math.max(0, stage.rows())).sum();
        BenchReport.Heading heading = new BenchReport.Heading(startedAt.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                String.valueOf(scale), years.values().get(0) + "-" + years.values().get(years.values().size() - 1),
                "bin/indicators " + String.join(" ", spec.commandLine().getParseResult().originalArgs()), BuildInfo.gitRevision(),
                Machine.describe(), loadAtStart, Machine.loadAverage(), files.size(), BenchLanding.sizeOf(landing), lastMonth.size(),
                lastMonth.stream().mapToLong(LandingFile::sizeBytes).sum());
        return BenchReport.render(heading, nights, baselines, storage, landingRecords);
    }

    private static ChildRun night(ChildProcess children, PrintWriter terminal, String name, List<String> arguments) {
        ChildRun run = children.run(name, List.of(), LAUNCHER_MAIN, arguments);
        terminal.println(BenchReport.section(run, false));
        terminal.flush();
        return run;
    }

    private static ChildRun baseline(ChildProcess children, PrintWriter terminal, String name, List<String> classpath, String mainClass,
                                     List<String> arguments) {
        ChildRun run = children.run(name, classpath, mainClass, arguments);
        terminal.println(BenchReport.section(run, true));
        terminal.flush();
        return run;
    }

    /** The jars of {@code jobs/target/dist/bench-lib} (the DuckDB driver), which only the DuckDB baseline's classpath has. */
    private static List<String> benchLibraries(Path home) {
        Path folder = home.resolve("jobs").resolve("target").resolve("dist").resolve("bench-lib");
        List<String> jars = new ArrayList<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> listing = Files.list(folder)) {
                listing.filter(path -> path.toString().endsWith(".jar")).sorted().forEach(path -> jars.add(path.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (jars.isEmpty()) {
            throw new ConfigurationException("the DuckDB baseline's driver is missing: no jar in " + folder
                    + " (the build copies org.duckdb:duckdb_jdbc there)",
                    "build the distribution (mvn -B -DskipTests package, or delete jobs/target/dist and run bin/indicators), or pass --skip-baselines");
        }
        return jars;
    }

    private static List<WarehouseStorage.Table> measureStorage(Path warehouse) {
        if (!Files.isDirectory(warehouse)) {
            return List.of();
        }
        SparkSession.Builder builder = SparkSession.builder().appName("indicators bench storage").master("local[2]")
                .config("spark.ui.enabled", "false");
        SparkSessions.deltaDefaults().forEach(builder::config);
        SparkSession spark = builder.getOrCreate();
        try {
            return WarehouseStorage.measure(spark, warehouse);
        } finally {
            spark.stop();
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void append(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
