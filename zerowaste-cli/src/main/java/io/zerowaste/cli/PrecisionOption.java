package io.zerowaste.cli;

import io.zerowaste.nn.engine.Precision;
import io.zerowaste.nn.engine.PrecisionConverter;
import io.zerowaste.nn.model.ArchitectureSpec;
import io.zerowaste.nn.model.PrecisionChoices;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --precision fp32|bf16|auto}: the number format convolutions compute in (docs/PRECISION.md). The
 * resolved choice and its reason go to stderr on one line.
 */
final class PrecisionOption {

    @Option(names = "--precision", paramLabel = "P", converter = PrecisionConverter.class, defaultValue = "auto",
            description = "fp32, bf16 or auto: bf16 where the CPU has avx512_bf16 or amx_bf16 (default: ${DEFAULT-VALUE}).")
    Precision precision;

    /** As asked, unresolved: for code that resolves it once it has read the model (and logs the choice itself). */
    Precision requested() {
        return precision;
    }

    Precision.Choice forArchitecture(ArchitectureSpec spec) {
        return announce(PrecisionChoices.forArchitecture(precision, spec));
    }

    Precision.Choice forBundle(Path bundleDir) {
        return announce(PrecisionChoices.forBundle(precision, bundleDir));
    }

    /** For a model every layer of which has a bf16 form (the continual nets, the glimpse transformer). */
    Precision.Choice forModelWithBf16Form() {
        return announce(precision.resolve(null));
    }

    private static Precision.Choice announce(Precision.Choice c) {
        System.err.println(c.line());
        return c;
    }
}
