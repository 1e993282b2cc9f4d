package io.zerowaste.serve;

import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.result.ExitsBundleInfo;
import io.zerowaste.core.io.AtomicFiles;
import io.zerowaste.exits.app.ExitsEvaluation;
import io.zerowaste.nn.bundle.BundleManifest;
import io.zerowaste.nn.engine.Precision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/** The threshold a server answers with: a fixed one, the bundle's calibrated one, or one chosen on validation. */
public final class ServedThreshold {

    private ServedThreshold() {}

    /** {@link #of(Path, BundleManifest, ExitsEvaluation.Choice, Supplier, Precision.Choice)} in fp32. */
    public static double of(Path bundleDir, BundleManifest manifest, ExitsEvaluation.Choice choice, Supplier<Dataset> data)
            throws IOException {
        return of(bundleDir, manifest, choice, data, null);
    }

    /**
     * {@code choice}'s threshold. A budget or an accuracy drop is chosen on the validation split of {@code data}
     * (loaded only then) by an evaluation into a temporary folder, in {@code precision} (fp32 when null): the
     * precision the version will serve in, since bf16 moves confidences slightly.
     */
    public static double of(Path bundleDir, BundleManifest manifest, ExitsEvaluation.Choice choice, Supplier<Dataset> data,
            Precision.Choice precision) throws IOException {
        if (choice instanceof ExitsEvaluation.Fixed f) {
            return f.param();
        }
        if (choice instanceof ExitsEvaluation.Stored) {
            return ExitsBundleInfo.of(manifest.extra(), bundleDir).param();
        }
        Path tmp = Files.createTempDirectory("zerowaste-serve-");
        try {
            ExitsEvaluation.Outcome o = ExitsEvaluation.run(bundleDir, data.get(), choice, tmp, precision);
            return o.chosen().param();
        } finally {
            AtomicFiles.deleteRecursively(tmp);
        }
    }
}
