package io.zerowaste.nn.app;

import ai.djl.ndarray.NDManager;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.core.result.BackboneEvalMetrics;
import io.zerowaste.core.result.ResultEnvelope;
import io.zerowaste.core.result.ResultKind;
import io.zerowaste.nn.bundle.BundleManifest;
import io.zerowaste.nn.bundle.BundleSplit;
import io.zerowaste.nn.bundle.ModelBundle;
import io.zerowaste.nn.engine.Engines;
import io.zerowaste.nn.engine.Precision;
import io.zerowaste.nn.eval.Evaluator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Evaluates a bundle on the test images of any IDX folder and writes results.json. */
public final class BundleEvaluation {

    /** Accuracy overall and per class (NaN for classes absent from the data). */
    public record Outcome(BundleManifest manifest, double accuracy, List<Double> perClassAccuracy, int samples,
            ResultEnvelope<BackboneEvalMetrics> result) {}

    private BundleEvaluation() {}

    public static Outcome run(Path bundleDir, Dataset data, Path outDir) {
        return run(bundleDir, data, outDir, null);
    }

    /** {@link #run(Path, Dataset, Path)} with the backbone's inference form in {@code precision} (fp32 when null). */
    public static Outcome run(Path bundleDir, Dataset data, Path outDir, Precision.Choice precision) {
        Engines.pytorch();
        BundleManifest m = ModelBundle.readManifest(bundleDir);
        ImageSet test = data.test();
        ModelBundle.checkImagesFit(m, test, bundleDir);
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelBundle.Loaded loaded = ModelBundle.read(bundleDir, manager);
            int[] pred = Evaluator.predict(loaded.backbone(), manager, new BatchAssembler(test, m.normalization()),
                    precision == null ? Precision.FP32 : precision.precision());
            double acc = Evaluator.accuracy(pred, test.labels());
            List<Double> perClass = perClass(pred, test.labels(), m.architecture().numClasses());
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("model", bundleDir.toString());
            config.put("model_sha256", m.parametersSha256());
            config.put("data", data.name());
            BackboneEvalMetrics metrics = new BackboneEvalMetrics(acc, perClass, test.size());
            ResultEnvelope<BackboneEvalMetrics> r = RunRecorder.start(config, BundleSplit.seed(m), data, outDir, precision)
                    .writeResults(ResultKind.BACKBONE_EVAL, metrics);
            return new Outcome(m, acc, perClass, test.size(), r);
        }
    }

    static List<Double> perClass(int[] pred, int[] labels, int classes) {
        int[] right = new int[classes];
        int[] total = new int[classes];
        for (int i = 0; i < labels.length; i++) {
            total[labels[i]]++;
            if (pred[i] == labels[i]) {
                right[labels[i]]++;
            }
        }
        List<Double> out = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            out.add(total[c] == 0 ? Double.NaN : (double) right[c] / total[c]);
        }
        return out;
    }
}
