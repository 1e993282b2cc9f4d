package io.zerowaste.cli;

import picocli.CommandLine.Command;

/** {@code zerowaste bench train|infer|exits|serve}: figures, printed. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print figures.",
        subcommands = {BenchTrainCommand.class, BenchInferCommand.class, BenchExitsCommand.class, BenchServeCommand.class})
final class BenchCommand {}
