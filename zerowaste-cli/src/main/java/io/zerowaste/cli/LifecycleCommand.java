package io.zerowaste.cli;

import picocli.CommandLine.Command;

/** {@code zerowaste lifecycle demo}. */
@Command(name = "lifecycle", mixinStandardHelpOptions = true, description = "A served early-exit model that keeps learning.",
        subcommands = {LifecycleDemoCommand.class})
final class LifecycleCommand {}
