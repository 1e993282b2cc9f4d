package io.zerowaste.cli;

import io.zerowaste.core.CommandErrors;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code zerowaste} command. Exit codes: 0 success, 1 failure, 2 bad input. */
@Command(name = "zerowaste", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Zero-waste machine learning: reuse computation, partial input and earlier training.",
        subcommands = {DemoCommand.class, ExitsCommand.class, ContinualCommand.class, GlimpseCommand.class, UpdateCommand.class, LifecycleCommand.class, ReportCommand.class, ServeCommand.class, TrainCommand.class, EvalCommand.class, InfoCommand.class, BenchCommand.class, DataCommand.class,
                CommandLine.HelpCommand.class})
public final class ZeroWasteCli {

    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int BAD_INPUT = 2;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces with errors.")
    static boolean verbose;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (the one place where errors become exit codes). */
    public static int run(String... args) {
        CommandLine cli = commandLine();
        return cli.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ZeroWasteCli());
        cli.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("error: " + CommandErrors.firstLine(ex.getMessage()).replaceFirst("^Error: ", "") + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help')");
            if (verbose) {
                ex.printStackTrace(err);
            }
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> CommandErrors.report(ex, commandLine.getErr(), verbose));
        return cli;
    }
}
