package cn.hangzhou.indicators.benchmark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Markdown section a benchmark run prints and appends to docs/benchmarks.md: per-night stage tables, baselines, ratios, storage. */
public final class BenchReport {

    /** The pipeline's stages in the order a nightly runs them. */
    public static final List<String> PIPELINE_STAGES = List.of("discover", "ingest", "check", "conform", "compute", "publish", "lineage");

    /** What the section is about: the command line, revision and landing. */
    public record Heading(String timestamp, String scale, String years, String commandLine, String gitRevision, Machine machine,
                          String loadAtStart, String loadAtEnd, int landingFiles, long landingBytes, int heldBackFiles,
                          long heldBackBytes) {
    }

    private final StringBuilder text = new StringBuilder();

    private BenchReport() {
    }

    public static String render(Heading heading, List<ChildRun> nights, List<ChildRun> baselines, List<WarehouseStorage.Table> storage,
                                long landingRecords) {
        BenchReport report = new BenchReport();
        report.heading(heading);
        for (ChildRun night : nights) {
            report.night(night);
        }
        report.baselines(baselines);
        report.ratios(nights, baselines);
        report.storage(storage, heading, landingRecords);
        return report.text.toString();
    }

    /** The table of one child process alone, printed as soon as it ended. */
    public static String section(ChildRun run, boolean baseline) {
        BenchReport report = new BenchReport();
        if (baseline) {
            report.baselines(List.of(run));
        } else {
            report.night(run);
        }
        return report.text.toString();
    }

    private void heading(Heading heading) {
        Machine machine = heading.machine();
        line("## " + heading.timestamp() + ": scale " + heading.scale() + ", years " + heading.years());
        line("");
        line("`" + heading.commandLine() + "` at revision `" + heading.gitRevision() + "`.");
        line("Machine: " + machine.cores() + " cores (" + machine.cpuModel() + "), " + machine.memory() + " memory, "
                + machine.javaVersion() + ", JVM options " + machine.javaOptions() + "; load average (1, 5, 15 min) "
                + heading.loadAtStart() + " at the start, " + heading.loadAtEnd() + " at the end.");
        line(String.format(Locale.ROOT, "Landing: %d files, %s; the cold night runs without the last month of each monthly extract "
                + "(%d files, %s), which the incremental night adds. Baselines read the whole landing.", heading.landingFiles(),
                megabytes(heading.landingBytes()), heading.heldBackFiles(), megabytes(heading.heldBackBytes())));
        line("");
    }

    private void night(ChildRun night) {
        line("### " + title(night.name()) + " (exit code " + night.exitCode() + ")");
        line("");
        line("| stage | wall s | CPU s | rows | rows/s | MB/s | peak heap | peak RSS | Spark jobs |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (String name : PIPELINE_STAGES) {
            night.stage(name).ifPresent(stage -> stageRow(name, stage));
        }
        night.stages().stream().filter(stage -> !PIPELINE_STAGES.contains(stage.stage())).forEach(stage -> stageRow(stage.stage(), stage));
        line(String.format(Locale.ROOT, "| outside stages (JVM and Spark start, run record) | %.1f | | | | | | | |", night.outsideStagesSeconds()));
        line(String.format(Locale.ROOT, "| **whole child process** | **%.1f** | **%.1f** | | | | | **%s** | %d |", night.wallSeconds(),
                night.cpuSeconds(), megabytes(night.peakRssBytes()), night.stages().stream().mapToLong(StageEvent::sparkJobs).sum()));
        line("");
    }

    private void stageRow(String name, StageEvent stage) {
        line(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %,d | %s | %s | %s | %s | %d |", name, stage.wallSeconds(), stage.cpuSeconds(),
                stage.rowsDone(), perSecond(stage.rowsDone(), stage.wallSeconds()),
                stage.bytesDone() <= 0 ? "" : String.format(Locale.ROOT, "%.1f", stage.bytesDone() / 1e6 / stage.wallSeconds()),
                megabytes(stage.peakHeapBytes()), megabytes(stage.peakRssBytes()), stage.sparkJobs()));
    }

    private void baselines(List<ChildRun> baselines) {
        line("### Baselines");
        line("");
        if (baselines.isEmpty()) {
            line("Not run (`--skip-baselines`, or not reached yet).");
            line("");
            return;
        }
        line("| baseline | step | wall s | CPU s | rows | rows/s | MB/s | peak RSS | Spark jobs |");
        line("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        for (ChildRun baseline : baselines) {
            for (StageEvent stage : baseline.stages()) {
                line(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %,d | %s | %s | %s | %d |", title(baseline.name()), stage.stage(),
                        stage.wallSeconds(), stage.cpuSeconds(), stage.rowsDone(), perSecond(stage.rowsDone(), stage.wallSeconds()),
                        stage.bytesDone() <= 0 ? "" : String.format(Locale.ROOT, "%.1f", stage.bytesDone() / 1e6 / stage.wallSeconds()),
                        megabytes(stage.peakRssBytes()), stage.sparkJobs()));
            }
            line(String.format(Locale.ROOT, "| %s | **whole child process** (exit code %d) | **%.1f** | **%.1f** | | | | **%s** | |",
                    title(baseline.name()), baseline.exitCode(), baseline.wallSeconds(), baseline.cpuSeconds(), megabytes(baseline.peakRssBytes())));
        }
        line("");
    }

    private void ratios(List<ChildRun> nights, List<ChildRun> baselines) {
        ChildRun cold = find(nights, "cold-night");
        ChildRun incremental = find(nights, "incremental-night");
        ChildRun nothingNew = find(nights, "nothing-new-night");
        ChildRun duckDb = find(baselines, "duckdb");
        ChildRun bareSpark = find(baselines, "bare-spark");
        line("### Ratios");
        line("");
        line("| ratio | measured | target | met |");
        line("|---|---:|---|---|");
        ratio("ingest ÷ DuckDB convert (cold night's discover + ingest ÷ DuckDB's CSV/JSON → Parquet)",
                cold == null || duckDb == null ? null : (cold.stageSeconds("discover") + cold.stageSeconds("ingest")) / duckDb.stageSeconds("convert"),
                "≤ 4×", 4, "×");
        ratio("compute ÷ DuckDB SQL (cold night's compute ÷ DuckDB's indicator SQL)",
                cold == null || duckDb == null ? null : cold.stageSeconds("compute") / duckDb.stageSeconds("sql"), "≤ 5×", 5, "×");
        ratio("whole nightly ÷ bare Spark (cold night's child process ÷ bare Spark's)",
                cold == null || bareSpark == null ? null : cold.wallSeconds() / bareSpark.wallSeconds(), "≤ 1.5×", 1.5, "×");
        ratio("incremental ÷ cold (child processes)", cold == null || incremental == null ? null : incremental.wallSeconds() / cold.wallSeconds(),
                "≤ 15 %", 0.15, "%");
        ratio("nothing-new ÷ cold (child processes)", cold == null || nothingNew == null ? null : nothingNew.wallSeconds() / cold.wallSeconds(),
                "", Double.NaN, "%");
        if (nothingNew != null) {
            line(String.format(Locale.ROOT, "| nothing-new night, seconds | %.1f s | ≤ 30 s | %s |", nothingNew.wallSeconds(),
                    nothingNew.wallSeconds() <= 30 ? "yes" : "no"));
        }
        line("");
        line("The cold night reads every file but the last month of each monthly extract, the baselines every file: the first "
                + "three ratios slightly favour the pipeline.");
        line("");
    }

    private void ratio(String name, Double value, String target, double limit, String unit) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            line("| " + name + " | n/a | " + target + " | |");
            return;
        }
        String measured = unit.equals("%") ? String.format(Locale.ROOT, "%.1f %%", 100 * value) : String.format(Locale.ROOT, "%.2f×", value);
        line("| " + name + " | " + measured + " | " + target + " | " + (Double.isNaN(limit) ? "" : value <= limit ? "yes" : "no") + " |");
    }

    private void storage(List<WarehouseStorage.Table> tables, Heading heading, long landingRecords) {
        line("### Storage after the three nights");
        line("");
        line("| layer | tables | records | size | bytes per record |");
        line("|---|---:|---:|---:|---:|");
        line(String.format(Locale.ROOT, "| landing (files, rows read by ingest) | %d | %,d | %s | %s |", heading.landingFiles(), landingRecords,
                megabytes(heading.landingBytes()), perRecord(heading.landingBytes(), landingRecords)));
        Map<String, long[]> layers = new LinkedHashMap<>();
        for (String layer : List.of("bronze", "quarantine", "silver", "gold", "lineage", "quality", "ops", "other")) {
            layers.put(layer, new long[3]);
        }
        for (WarehouseStorage.Table table : tables) {
            long[] totals = layers.get(table.layer());
            totals[0]++;
            totals[1] += table.records();
            totals[2] += table.bytes();
        }
        layers.forEach((layer, totals) -> {
            if (totals[0] > 0) {
                line(String.format(Locale.ROOT, "| %s | %d | %,d | %s | %s |", layer, totals[0], totals[1], megabytes(totals[2]),
                        perRecord(totals[2], totals[1])));
            }
        });
        line("");
        line("<details><summary>per table</summary>");
        line("");
        line("| table | records | size | bytes per record |");
        line("|---|---:|---:|---:|");
        for (WarehouseStorage.Table table : tables) {
            line(String.format(Locale.ROOT, "| %s | %,d | %s | %s |", table.path(), table.records(), megabytes(table.bytes()),
                    perRecord(table.bytes(), table.records())));
        }
        line("");
        line("</details>");
        line("");
    }

    private static ChildRun find(List<ChildRun> runs, String name) {
        return runs.stream().filter(run -> run.name().equals(name)).findFirst().orElse(null);
    }

    static String title(String name) {
        return switch (name) {
            case "cold-night" -> "Cold night (fresh warehouse)";
            case "incremental-night" -> "Incremental night (one new month of every monthly extract)";
            case "nothing-new-night" -> "Nothing-new night";
            case "duckdb" -> "DuckDB";
            case "bare-spark" -> "bare Spark";
            default -> name;
        };
    }

    private static String perSecond(long rows, double seconds) {
        return rows <= 0 || seconds <= 0 ? "" : String.format(Locale.ROOT, "%,.0f", rows / seconds);
    }

    private static String perRecord(long bytes, long records) {
        return records <= 0 ? "" : String.format(Locale.ROOT, "%.1f", (double) bytes / records);
    }

    /** Bytes as MB with one decimal, or "?" when unknown. */
    public static String megabytes(long bytes) {
        return bytes < 0 ? "?" : String.format(Locale.ROOT, "%.1f MB", bytes / 1024.0 / 1024.0);
    }

    private void line(String line) {
        text.append(line).append('\n');
    }
}
