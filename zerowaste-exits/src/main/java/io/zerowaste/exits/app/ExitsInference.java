package io.zerowaste.exits.app;

import ai.djl.ndarray.NDManager;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.exits.predict.ExitPrediction;
import io.zerowaste.nn.bundle.ModelBundle;
import io.zerowaste.nn.engine.Engines;
import io.zerowaste.nn.engine.Precision;
import java.nio.file.Path;
import java.util.List;

/** Dynamic early-exit predictions for a whole image set from an exits bundle (behind {@code exits predict}). */
public final class ExitsInference {

    /** Per image, in order, the prediction; and the bundle's class names and the threshold used. */
    public record Outcome(List<ExitPrediction> predictions, List<String> classNames, double param) {}

    private ExitsInference() {}

    /** Predicts every image of {@code images} at {@code threshold} (patience for PBEE), or the calibrated one when null. */
    public static Outcome predict(Path bundleDir, ImageSet images, Double threshold) {
        return predict(bundleDir, images, threshold, Precision.FP32);
    }

    /** {@link #predict(Path, ImageSet, Double)} with backbone and heads in {@code precision} (fp32 or bf16). */
    public static Outcome predict(Path bundleDir, ImageSet images, Double threshold, Precision precision) {
        Engines.pytorch();
        try (NDManager manager = NDManager.newBaseManager()) {
            ExitsBundle.Loaded b = ExitsBundle.read(bundleDir, manager);
            b.model().setPrecision(precision);
            ModelBundle.checkImagesFit(b.manifest(), images, bundleDir);
            double p = threshold != null ? threshold : b.param();
            BatchAssembler data = new BatchAssembler(images, b.manifest().normalization());
            List<ExitPrediction> all = List.of(b.predictor(p).predictAll(manager, data));
            return new Outcome(all, b.manifest().classNames(), p);
        }
    }
}
