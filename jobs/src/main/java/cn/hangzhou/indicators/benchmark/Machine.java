package cn.hangzhou.indicators.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine a benchmark ran on, as /proc and the JVM describe it ("unknown" off Linux). */
public record Machine(int cores, String memory, String cpuModel, String javaVersion, String javaOptions) {

    public static Machine describe() {
        String memory = firstField(Path.of("/proc/meminfo"), "MemTotal:");
        String model = firstField(Path.of("/proc/cpuinfo"), "model name");
        String options = String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.startsWith("-Xm") || argument.startsWith("-XX:")).toList());
        return new Machine(Runtime.getRuntime().availableProcessors(),
                memory.equals("unknown") ? memory : String.format("%.1f GB", Long.parseLong(memory.split("\\s+")[0]) / 1024.0 / 1024.0),
                model, System.getProperty("java.vm.vendor") + " " + System.getProperty("java.version"),
                options.isBlank() ? "(none; max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MB)" : options);
    }

    /** The 1, 5 and 15 minute load averages. */
    public static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String firstField(Path file, String field) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                if (line.startsWith(field)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
        return "unknown";
    }
}
