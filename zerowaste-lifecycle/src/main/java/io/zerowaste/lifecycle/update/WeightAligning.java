package io.zerowaste.lifecycle.update;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/**
 * Weight aligning (Zhao et al., "Maintaining Discrimination and Fairness in Class Incremental Learning", CVPR
 * 2020): after a class-incremental update trained mostly on new classes, the classifier rows of the new classes
 * have grown larger than the old ones', so the newest classes win by norm alone. Scaling the new rows by
 * γ = mean ‖w_old‖ / mean ‖w_new‖ removes that bias at no training cost. Applied to the backbone's own
 * classifier (the parameter named {@code classifier_weight}); the heads retrain on class-balanced data instead.
 * The paper's classifier has no bias; this one has, and its bias is left as trained (it is small next to the
 * weights' contribution after training, and scaling it has no norm argument behind it).
 */
final class WeightAligning {

    private WeightAligning() {}

    /** Aligns rows {@code known..} of the classifier to rows {@code 0..known-1}; returns γ, or null without such a classifier. */
    static Double align(Block backbone, int known) {
        Parameter weight = null;
        for (Pair<String, Parameter> p : backbone.getParameters()) {
            if (p.getKey().endsWith("classifier_weight")) { // DJL prefixes a child's parameters with its position and name
                weight = p.getValue();
            }
        }
        if (weight == null || known < 1) {
            return null;
        }
        NDArray w = weight.getArray();
        int rows = (int) w.getShape().get(0);
        if (known >= rows) {
            return null;
        }
        int cols = (int) (w.getShape().size() / rows);
        float[] v = w.toFloatArray();
        double oldMean = meanRowNorm(v, cols, 0, known);
        double gamma = oldMean / meanRowNorm(v, cols, known, rows);
        if (!Double.isFinite(gamma) || gamma <= 0) {
            return null; // all-zero rows: nothing to align
        }
        for (int i = known * cols; i < v.length; i++) {
            v[i] = (float) (v[i] * gamma);
        }
        try (NDArray scaled = w.getManager().create(v, w.getShape())) {
            scaled.copyTo(w); // a copy, not an in-place product: the parameter is a leaf that records gradients
        }
        return gamma;
    }

    private static double meanRowNorm(float[] w, int cols, int from, int to) {
        double sum = 0;
        for (int r = from; r < to; r++) {
            double sq = 0;
            for (int c = 0; c < cols; c++) {
                sq += (double) w[r * cols + c] * w[r * cols + c];
            }
            sum += Math.sqrt(sq);
        }
        return sum / (to - from);
    }
}
