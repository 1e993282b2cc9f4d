package io.zerowaste.glimpse.app;

import ai.djl.ndarray.NDManager;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.glimpse.policy.GlimpsePolicy;
import io.zerowaste.glimpse.train.GlimpseEvaluator;
import io.zerowaste.nn.engine.Engines;
import io.zerowaste.nn.engine.Precision;
import java.nio.file.Path;

/** A glimpse bundle on the test images of any IDX folder (behind {@code glimpse eval}). */
public final class GlimpseEvaluation {

    /**
     * The policy evaluated and either the full-image accuracy (policy "full") or the accuracy after each
     * glimpse and along the stop rule's {@code thresholds}.
     */
    public record Outcome(String policy, Double fullImageAccuracy, GlimpseEvaluator.Result result, double[] thresholds) {

        public boolean fullImage() {
            return fullImageAccuracy != null;
        }
    }

    private GlimpseEvaluation() {}

    /** With {@code policy} (the bundle's own when null) and one stop threshold, or a sweep when {@code stopThreshold} is null. */
    public static Outcome run(Path bundleDir, Dataset data, String policy, Double stopThreshold) {
        return run(bundleDir, data, policy, stopThreshold, null);
    }

    /** As above, the model computing in {@code precision} (fp32 when null); every score stays fp32. */
    public static Outcome run(Path bundleDir, Dataset data, String policy, Double stopThreshold, Precision.Choice precision) {
        Engines.pytorch();
        try (NDManager manager = NDManager.newBaseManager()) {
            GlimpseBundle.Loaded b = GlimpseBundle.read(bundleDir, manager);
            if (precision != null && precision.bf16()) {
                b.model().setPrecision(Precision.BF16);
            }
            String p = policy != null ? policy : b.defaultPolicy();
            io.zerowaste.nn.bundle.ModelBundle.checkImagesFit(b.manifest(), data.test(), bundleDir);
            BatchAssembler test = new BatchAssembler(data.test(), b.manifest().normalization());
            if ("full".equals(p)) {
                return new Outcome(p, GlimpseEvaluator.fullImageAccuracy(b.model(), manager, test), null, null);
            }
            double[] taus = stopThreshold != null ? new double[] {stopThreshold} : GlimpseEvaluator.THRESHOLDS;
            GlimpseEvaluator.Result r = GlimpseEvaluator.evaluate(b.model(), manager, test, GlimpsePolicy.of(p), b.glimpses(),
                    b.start(), 0, taus);
            return new Outcome(p, null, r, taus);
        }
    }
}
