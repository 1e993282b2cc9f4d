package io.zerowaste.spark.cli;

import io.zerowaste.core.CommandErrors;
import io.zerowaste.core.ZeroWasteException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code zerowaste spark …} (and {@code zerowaste bench spark}): its own entry point, so that the plain CLI does not
 * carry Spark's jars; the launcher runs it on this module's classpath, spark-submit runs it from the shaded jar.
 * Exit codes as the main CLI: 0 success, 1 failure, 2 bad input.
 */
@Command(name = "zerowaste spark", mixinStandardHelpOptions = true,
        description = "Early-exit batch inference and calibration on Apache Spark (local[*], standalone, YARN, Kubernetes).",
        subcommands = {SparkPredictCommand.class, SparkCalibrateCommand.class, SparkConvertCommand.class, SparkCompareCommand.class, BenchSparkCommand.class,
                CommandLine.HelpCommand.class})
public final class SparkCli {

    static final int OK = 0;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces with errors, and Spark's log.")
    static boolean verbose;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        if (System.getProperty("log4j2.configurationFile") == null && System.getProperty("log4j.configurationFile") == null
                && !java.util.Arrays.asList(args).contains("--verbose")) {
            // before log4j starts: Spark then keeps it instead of its INFO-level default profile
            System.setProperty("log4j2.configurationFile", "classpath:zerowaste-spark-log4j2.properties");
        }
        CommandLine cli = new CommandLine(new SparkCli());
        cli.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("error: " + CommandErrors.firstLine(ex.getMessage()) + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return ZeroWasteException.Kind.BAD_INPUT.exitCode();
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> CommandErrors.report(ex, commandLine.getErr(), verbose));
        return cli.execute(args);
    }

    static void info(String s) {
        System.err.println(s);
    }
}
