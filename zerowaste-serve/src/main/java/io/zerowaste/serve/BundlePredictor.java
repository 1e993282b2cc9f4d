package io.zerowaste.serve;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.zerowaste.core.data.Normalization;
import io.zerowaste.exits.app.ExitsBundle;
import io.zerowaste.exits.predict.ExitPrediction;
import io.zerowaste.exits.predict.ExitingPredictor;
import io.zerowaste.nn.bundle.BundleManifest;
import java.util.List;

/** An exits bundle behind the dynamic exiting predictor (batch compaction), at a fixed threshold. */
public final class BundlePredictor implements Predictor, AutoCloseable {

    private final NDManager manager;
    private final ExitsBundle.Loaded bundle;
    private final ExitingPredictor predictor;
    private final Normalization norm;
    private final String id;
    private final double threshold;

    public BundlePredictor(ExitsBundle.Loaded bundle, NDManager manager, double threshold, String id) {
        this.manager = manager;
        this.bundle = bundle;
        this.predictor = bundle.predictor(threshold);
        this.norm = bundle.manifest().normalization().forChannels(bundle.manifest().architecture().channels());
        this.threshold = threshold;
        this.id = id;
    }

    public double threshold() {
        return threshold;
    }

    public BundleManifest manifest() {
        return bundle.manifest();
    }

    // each batcher thread turns autograd off once: predictions need no graph
    private static final ThreadLocal<Boolean> INFERENCE_ONLY = ThreadLocal.withInitial(() -> {
        io.zerowaste.nn.engine.Engines.inferenceOnlyOnThisThread();
        return true;
    });

    @Override
    public ExitPrediction[] predict(float[][] images) {
        INFERENCE_ONLY.get();
        int channels = bundle.manifest().architecture().channels();
        int rows = bundle.manifest().architecture().height();
        int cols = bundle.manifest().architecture().width();
        int n = channels * rows * cols;
        int plane = rows * cols;
        float[] flat = new float[images.length * n];
        for (int i = 0; i < images.length; i++) {
            for (int k = 0; k < n; k++) { // channel-major; the arithmetic of Normalization.apply, so results match offline runs
                int c = k / plane;
                flat[i * n + k] = (float) ((images[i][k] / 255.0 - norm.mean(c)) / norm.std(c));
            }
        }
        try (NDManager step = manager.newSubManager()) {
            return predictor.predict(step, step.create(flat, new Shape(images.length, channels, rows, cols)));
        }
    }

    @Override
    public List<String> classNames() {
        return bundle.manifest().classNames();
    }

    @Override
    public int heads() {
        return bundle.model().numHeads() + 1;
    }

    @Override
    public long backboneMacs() {
        return ((Number) bundle.manifest().macs().get("total")).longValue();
    }

    @Override
    public String modelId() {
        return id;
    }

    @Override
    public void close() {
        manager.close();
    }
}
