package io.zerowaste.cli;

import picocli.CommandLine.Command;

/** {@code zerowaste continual run|tune}. */
@Command(name = "continual", mixinStandardHelpOptions = true, description = "Reuse knowledge: continual learning.",
        subcommands = {ContinualRunCommand.class, ContinualTuneCommand.class})
final class ContinualCommand {}
