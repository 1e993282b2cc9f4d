package io.zerowaste.spark.cli;

import io.zerowaste.nn.engine.Precision;
import io.zerowaste.nn.engine.PrecisionConverter;
import io.zerowaste.nn.model.PrecisionChoices;
import io.zerowaste.spark.BundleRef;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --precision fp32|bf16|auto}, as on the main CLI (docs/PRECISION.md). It is resolved once, on the driver's
 * CPU, and every executor loads the bundle in that precision; the choice and its reason go to stderr on one line.
 */
final class PrecisionOption {

    @Option(names = "--precision", paramLabel = "P", converter = PrecisionConverter.class, defaultValue = "auto",
            description = "fp32, bf16 or auto: bf16 where the driver's CPU has avx512_bf16 or amx_bf16; every executor computes "
                    + "in the driver's choice (default: ${DEFAULT-VALUE}).")
    Precision precision;

    /** The precision for the bundle in {@code dir}, announced on stderr. */
    Precision.Choice forBundle(Path dir) {
        Precision.Choice c = PrecisionChoices.forBundle(precision, dir);
        SparkCli.info(c.line());
        return c;
    }

    /** {@code bundle}, to be loaded by the executors in the precision chosen for it. */
    BundleRef apply(BundleRef bundle, Path dir) {
        return bundle.in(forBundle(dir).precision());
    }
}
