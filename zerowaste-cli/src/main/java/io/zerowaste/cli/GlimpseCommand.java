package io.zerowaste.cli;

import picocli.CommandLine.Command;

/** {@code zerowaste glimpse train|eval|explain}: classify from glimpses, choosing where to look from the model's uncertainty. */
@Command(name = "glimpse", mixinStandardHelpOptions = true, description = "Reuse partial input: glimpse-based classification.",
        subcommands = {GlimpseTrainCommand.class, GlimpseEvalCommand.class, GlimpseExplainCommand.class})
final class GlimpseCommand {}
