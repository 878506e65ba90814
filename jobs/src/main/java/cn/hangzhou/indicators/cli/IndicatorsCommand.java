package cn.hangzhou.indicators.cli;

import cn.hangzhou.indicators.config.ConfigurationException;
import cn.hangzhou.indicators.ops.WarehouseLease;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code bin/indicators} entry point: one subcommand per pipeline action. */
@Command(name = "indicators",
        mixinStandardHelpOptions = true,
        versionProvider = BuildInfo.class,
        description = "Hangzhou public-service indicators: departmental extracts to published indicators, with lineage.",
        subcommands = {DemoCommand.class, NightlyCommand.class, GenerateCommand.class, IngestCommand.class, CheckCommand.class,
                ConformCommand.class, ComputeCommand.class, ShowCommand.class, ExportCommand.class, ExplainCommand.class,
                ReproduceCommand.class, ReportCommand.class, SqlCommand.class, ServeSqlCommand.class, LeaseCommand.class, MaintainCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
        footer = {"%n" + ExitCodes.HELP_TEXT, "%n" + LauncherHelp.ENVIRONMENT})
public class IndicatorsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] arguments) {
        System.exit(execute(arguments));
    }

    /** Runs a command line and returns its exit code (tests call this instead of {@link #main}). */
    public static int execute(String... arguments) {
        CommandLine commandLine = commandLine();
        return commandLine.execute(arguments);
    }

    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new IndicatorsCommand());
        commandLine.setExecutionExceptionHandler(IndicatorsCommand::handleFailure);
        // picocli consults the mapper for command-line errors too: they are exit code 2, not 1
        commandLine.setExitCodeExceptionMapper(exception -> exception instanceof CommandLine.ParameterException ? ExitCodes.USAGE
                : exception instanceof ConfigurationException ? ExitCodes.CONFIGURATION : ExitCodes.FAILURE);
        // the exit codes and environment variables are a table: wider than picocli's default 80 columns
        commandLine.setUsageHelpWidth(120);
        commandLine.getSubcommands().values().forEach(sub -> sub.getCommandSpec().usageMessage()
                .footer("%n" + ExitCodes.HELP_TEXT, "%n" + LauncherHelp.ENVIRONMENT));
        return commandLine;
    }

    private static int handleFailure(Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (exception instanceof ConfigurationException) {
            err.println("configuration error: " + exception.getMessage());
            return ExitCodes.CONFIGURATION;
        }
        if (exception instanceof WarehouseLease.LostException) {
            err.println("stopped: " + exception.getMessage());
            return ExitCodes.FAILURE;
        }
        err.println("failed: " + exception);
        exception.printStackTrace(err);
        return ExitCodes.FAILURE;
    }
}
