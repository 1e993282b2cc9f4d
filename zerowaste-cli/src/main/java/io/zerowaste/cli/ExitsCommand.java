package io.zerowaste.cli;

import picocli.CommandLine.Command;

/** {@code zerowaste exits train|eval|predict}: early exits with SDN, PBEE and Zero-Time-Waste. */
@Command(name = "exits", mixinStandardHelpOptions = true, description = "Recycle computation: early exits (SDN, PBEE, ZTW).",
        subcommands = {ExitsTrainCommand.class, ExitsEvalCommand.class, ExitsPredictCommand.class})
final class ExitsCommand {}
