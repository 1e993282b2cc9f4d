package io.zerowaste.lifecycle.update;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import io.zerowaste.core.data.Split;
import io.zerowaste.nn.train.Losses;
import io.zerowaste.nn.train.SgdOptimizer;
import java.util.List;
import java.util.Random;

/**
 * Class-balanced re-training of the backbone's own classifier after a class-incremental replay update (the
 * balanced fine-tuning of Castro et al., "End-to-End Incremental Learning", ECCV 2018, here on the last layer
 * only). Replay's batches hold far more images of the new classes than of each old one, so the classifier learns
 * the newest classes' prior and the served model's last exits answer them too often. Here the classifier alone
 * is trained again, on frozen features of a set that has as many images of every class, starting from its
 * trained weights. The features are computed once, so the epochs on them cost next to nothing.
 */
final class BalancedClassifier {

    static final int EPOCHS = 10;
    static final float LEARNING_RATE = 0.01f;
    private static final float MOMENTUM = 0.9f;
    private static final float WEIGHT_DECAY = 5e-4f;
    private static final int BATCH = 128;

    private BalancedClassifier() {}

    /**
     * Re-trains the parameters named {@code *classifier_weight} and {@code *classifier_bias} of {@code backbone}
     * (a linear layer on {@code features}) on the labelled {@code features}; returns false when there is no such layer.
     */
    static boolean retrain(Block backbone, float[][] features, int[] labels, NDManager manager, long seed) {
        Parameter weight = parameter(backbone, "classifier_weight");
        Parameter bias = parameter(backbone, "classifier_bias");
        if (weight == null || bias == null || features.length == 0) {
            return false;
        }
        NDArray w = weight.getArray();
        NDArray b = bias.getArray();
        for (NDArray a : new NDArray[] {w, b}) {
            if (!a.hasGradient()) {
                a.setRequiresGradient(true);
            }
        }
        int n = features.length;
        int d = features[0].length;
        long steps = (long) EPOCHS * ((n + BATCH - 1) / BATCH);
        long step = 0;
        SgdOptimizer sgd = new SgdOptimizer(List.of(weight, bias), manager, MOMENTUM, WEIGHT_DECAY);
        try {
            for (int epoch = 0; epoch < EPOCHS; epoch++) {
                int[] order = Split.permutation(n, new Random(seed + epoch));
                for (int from = 0; from < n; from += BATCH) {
                    int to = Math.min(n, from + BATCH);
                    float[] x = new float[(to - from) * d];
                    float[] y = new float[to - from];
                    for (int i = from; i < to; i++) {
                        System.arraycopy(features[order[i]], 0, x, (i - from) * d, d);
                        y[i - from] = labels[order[i]];
                    }
                    try (NDScope scope = new NDScope()) {
                        NDArray xs = manager.create(x, new Shape(to - from, d));
                        NDArray ys = manager.create(y);
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            gc.backward(Losses.crossEntropy(xs.matMul(w.transpose()).add(b), ys));
                        }
                        sgd.step((float) (LEARNING_RATE * 0.5 * (1 + Math.cos(Math.PI * step++ / steps)))); // cosine to 0
                    }
                }
            }
        } finally {
            sgd.close();
        }
        return true;
    }

    private static Parameter parameter(Block block, String suffix) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getKey().endsWith(suffix)) { // DJL prefixes a child's parameters with its position and name
                return p.getValue();
            }
        }
        return null;
    }
}
