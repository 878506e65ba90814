package cn.hangzhou.indicators.benchmark;

import java.util.List;
import java.util.Optional;

/** What one child JVM of the benchmark did: its stages, and its own wall time, CPU time and peak RSS including JVM start. */
public record ChildRun(String name, int exitCode, double wallSeconds, double cpuSeconds, long peakRssBytes, List<StageEvent> stages) {

    public ChildRun {
        stages = List.copyOf(stages);
    }

    /** The stage of that name (the first, should there be several), if the child ran it. */
    public Optional<StageEvent> stage(String stage) {
        return stages.stream().filter(event -> event.stage().equals(stage)).findFirst();
    }

    public double stageSeconds(String stage) {
        return stages.stream().filter(event -> event.stage().equals(stage)).mapToDouble(StageEvent::wallSeconds).sum();
    }

    /** Wall time not inside any stage: JVM and Spark start, run bookkeeping, shutdown. */
    public double outsideStagesSeconds() {
        return wallSeconds - stages.stream().mapToDouble(StageEvent::wallSeconds).sum();
    }
}
