package cn.hangzhou.indicators.cli;

import cn.hangzhou.indicators.config.ProjectHome;
import cn.hangzhou.indicators.config.ReferenceData;
import cn.hangzhou.indicators.config.SchemaCatalog;
import cn.hangzhou.indicators.sample.SampleGenerator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code generate}: writes a synthetic landing tree of all eleven extracts (docs/generator.md). */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write synthetic departmental extracts (the contract's landing tree) for a consistent synthetic city.")
public class GenerateCommand implements Callable<Integer> {

    private static final Pattern YEARS = Pattern.compile("(\\d{4})(?:-(\\d{4}))?");

    @Mixin
    PipelineOptions pipeline;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder to write (must be empty, missing, or an earlier generator output)")
    Path out;

    @Option(names = "--scale", defaultValue = "0.01", paramLabel = "F", description = "share of the city's 11.9 M residents (default: ${DEFAULT-VALUE}; 1 = whole city)")
    double scale;

    @Option(names = "--years", defaultValue = "2021-2025", paramLabel = "YYYY[-YYYY]", description = "years to write (default: ${DEFAULT-VALUE})")
    String years;

    @Option(names = "--seed", defaultValue = "20211231", paramLabel = "N", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--defects", defaultValue = "0.002", paramLabel = "RATE", description = "defects per row and defect family, 0 for clean data, at most 0.5 (default: ${DEFAULT-VALUE})")
    double defects;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Matcher matcher = YEARS.matcher(years);
        if (!matcher.matches()) {
            err.println("--years must be YYYY or YYYY-YYYY, got '" + years + "'");
            return ExitCodes.USAGE;
        }
        int first = Integer.parseInt(matcher.group(1));
        int last = matcher.group(2) == null ? first : Integer.parseInt(matcher.group(2));
        SampleGenerator.Settings settings;
        try {
            settings = new SampleGenerator.Settings(out, scale, first, last, seed, defects);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return ExitCodes.USAGE;
        }
        if (!SampleGenerator.isReplaceable(out.toAbsolutePath())) {
            err.println(out + " is not empty and was not written by the generator: choose an empty or new folder");
            return ExitCodes.USAGE;
        }
        Path home = ProjectHome.locate();
        SampleGenerator.Summary summary = SampleGenerator.generate(settings,
                SchemaCatalog.load(ProjectHome.schemas(home)), ReferenceData.load(ProjectHome.reference(home)));
        print(spec.commandLine().getOut(), summary);
        return ExitCodes.OK;
    }

    static void print(PrintWriter out, SampleGenerator.Summary summary) {
        out.printf("wrote %d files, %d records, to %s%n", summary.files(), summary.records(), summary.out());
        out.printf("injected %d defects of %d kinds; manifest: %s%n", summary.defects(), summary.defectsByKind().size(),
                summary.manifest());
        out.printf("truth: %s; run: %s%n", summary.manifest().resolveSibling("truth.csv"), summary.manifest().resolveSibling("run.json"));
        if (!summary.kindsMissing().isEmpty()) {
            out.println("note: the sample is too small for these defect kinds: " + summary.kindsMissing());
        }
        out.flush();
    }
}
