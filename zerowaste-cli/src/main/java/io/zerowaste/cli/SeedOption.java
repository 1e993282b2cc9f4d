package io.zerowaste.cli;

import picocli.CommandLine.Option;

/** {@code --seed S}, the root seed every run derives its named seeds from; 0 unless given. */
final class SeedOption {

    @Option(names = "--seed", paramLabel = "S", description = "Root seed (default: ${DEFAULT-VALUE}).")
    long seed;

    long value() {
        return seed;
    }
}
