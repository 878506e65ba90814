package cn.hangzhou.indicators.cli;

import cn.hangzhou.indicators.config.RunSettings;
import cn.hangzhou.indicators.ops.SparkSessions;
import cn.hangzhou.indicators.ops.WarehouseLease;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bin/indicators lease}: who holds the warehouse's writer lease, and clearing one left by a dead run. */
@Command(name = "lease", mixinStandardHelpOptions = true,
        description = {"Shows which run holds the warehouse's writer lease (" + WarehouseLease.FILE + "): run id, command, host,",
                "pid, start time and when it expires without a heartbeat. With --break, removes a lease whose holder is",
                "dead (expired, or a vanished process of this host); --force removes a live-looking one too, for a run",
                "known to be gone on another host. Exit code 5 when a live lease was left in place."})
public class LeaseCommand implements Callable<Integer> {

    @Mixin
    PipelineOptions options;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--break", description = "remove the lease if its holder is dead")
    boolean breakLease;

    @Option(names = "--force", description = "with --break: remove it even if its holder looks alive (only when you know it is gone)")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RunSettings settings = options.resolve();
        Configuration hadoop = SparkSessions.hadoopConfiguration(settings);
        Optional<WarehouseLease.Holder> holder = WarehouseLease.holder(settings.warehouse(), hadoop);
        if (holder.isEmpty()) {
            out.println("no run holds the lease of " + settings.warehouse());
            out.flush();
            return ExitCodes.OK;
        }
        boolean live = WarehouseLease.isLive(holder.get());
        out.println((live ? "held by " : "left by a dead run: ") + holder.get().describe());
        int exitCode = ExitCodes.OK;
        if (breakLease && (!live || force)) {
            WarehouseLease.breakLease(settings.warehouse(), hadoop);
            out.println("removed the lease of " + settings.warehouse());
        } else if (breakLease) {
            out.println("left in place: the holder looks alive. If you know that process is gone, add --force");
            exitCode = ExitCodes.LEASE_HELD;
        }
        out.flush();
        return exitCode;
    }
}
