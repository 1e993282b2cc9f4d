package io.zerowaste.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --out RUN_DIR}, the run folder of a command that trains; each command sets its own default. */
final class RunDirOption {

    @Option(names = "--out", paramLabel = "RUN_DIR", description = "Run folder (default: ${DEFAULT-VALUE}).")
    Path out;

    /** Declared as {@code @Mixin RunDirOption out = new RunDirOption("runs/x")}: picocli keeps this instance. */
    RunDirOption(String defaultDir) {
        this.out = Path.of(defaultDir);
    }

    Path path() {
        return out;
    }
}
