package cn.hangzhou.indicators.cli;

import cn.hangzhou.indicators.config.ReferenceData;
import cn.hangzhou.indicators.config.RunSettings;
import cn.hangzhou.indicators.sample.SampleGenerator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code demo}: generates a small sample into the profile's landing; later steps will run the pipeline on it. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate a small synthetic sample (scale 0.001, 2021-2025) into the landing and show what was written.")
public class DemoCommand implements Callable<Integer> {

    static final double DEMO_SCALE = 0.001;
    static final long DEMO_SEED = 20211231;
    static final double DEMO_DEFECTS = 0.002;

    @Mixin
    PipelineOptions pipeline;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        RunSettings settings = pipeline.resolve();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!settings.isLocal(settings.landing())) {
            err.println("demo writes to a local landing folder; " + settings.landing() + " is not one: pass --landing DIR");
            return ExitCodes.USAGE;
        }
        Path landing = Path.of(settings.landing().replaceFirst("^file:", ""));
        if (!SampleGenerator.isReplaceable(landing)) {
            err.println("the landing " + landing + " holds files the generator did not write; not overwriting them."
                    + " Pass --landing with a new folder");
            return ExitCodes.USAGE;
        }
        SampleGenerator.Summary summary = generateSample(landing, settings);
        GenerateCommand.print(out, summary);
        // next: ingest, quality gate, conform, indicators, publish (later issues)
        return ExitCodes.OK;
    }

    /** Step 1 of the demo: a small sample with the default defect rate. */
    static SampleGenerator.Summary generateSample(Path landing, RunSettings settings) {
        ReferenceData reference = settings.reference();
        return SampleGenerator.generate(new SampleGenerator.Settings(landing, DEMO_SCALE, 2021, 2025, DEMO_SEED, DEMO_DEFECTS),
                settings.schemas(), reference);
    }
}
