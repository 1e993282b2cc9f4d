package io.zerowaste.glimpse.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.zerowaste.core.Seeds;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.glimpse.geometry.GlimpseGrid;
import io.zerowaste.glimpse.model.GlimpseModel;
import io.zerowaste.glimpse.policy.GlimpsePolicy;
import io.zerowaste.glimpse.policy.SinglePositionPolicy;
import io.zerowaste.glimpse.policy.StopRule;
import io.zerowaste.nn.eval.Batches;
import java.util.Arrays;
import java.util.Random;

/** Scores a glimpse model: accuracy and reconstruction after each glimpse, and with the stop rule swept. */
public final class GlimpseEvaluator {

    private static final int BATCH = 256;

    /** Default stop thresholds τ: stop once the top softmax probability reaches τ (above 1: never stop early). */
    public static final double[] THRESHOLDS = {0.3, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98, 0.99, 0.995, 1.01};

    /**
     * @param accuracyByGlimpses after 1..T glimpses
     * @param rmseByGlimpses RMSE (pixel values 0..1) of the image pieced together from the seen patches and the
     *     reconstruction of the unseen ones
     * @param stopThresholds τ of each stop-curve point
     * @param stopAccuracy accuracy when each sample stops at the first step with max softmax ≥ τ (or at T)
     * @param stopPixelFraction mean fraction of pixels seen at the stop
     */
    public record Result(double[] accuracyByGlimpses, double[] rmseByGlimpses, double[] stopThresholds, double[] stopAccuracy,
            double[] stopPixelFraction) {

        /**
         * The smallest mean pixel fraction among the stop-curve points whose accuracy reaches {@code target};
         * null when none does.
         */
        public Double pixelFractionToReach(double target) {
            Double best = null;
            for (int k = 0; k < stopAccuracy.length; k++) {
                if (stopAccuracy[k] >= target - 1e-12 && (best == null || stopPixelFraction[k] < best)) {
                    best = stopPixelFraction[k];
                }
            }
            return best;
        }
    }

    private GlimpseEvaluator() {}

    public static Result evaluate(GlimpseModel model, NDManager manager, BatchAssembler data, GlimpsePolicy policy, int glimpses,
            int start, long seed, double[] thresholds) {
        ImageSet images = data.images();
        int n = images.size();
        GlimpseGrid g = model.grid();
        int[] correct = new int[glimpses];
        double[] sq = new double[glimpses];
        int[] stopCorrect = new int[thresholds.length];
        double[] stopPixels = new double[thresholds.length];
        ParameterStore ps = new ParameterStore(manager, false);
        double std = data.normalization().std();
        for (int from = 0; from < n; from += BATCH) {
            int to = Math.min(n, from + BATCH);
            int b = to - from;
            int offset = from;
            try (NDScope scope = new NDScope()) {
                NDArray patches = Episode.patches(Batches.inOrder(manager, data, from, to), g);
                float[] truth = patches.toFloatArray();
                int[][] pred = new int[glimpses][];
                float[][] conf = new float[glimpses][];
                double[][] frac = new double[glimpses][b];
                Random rnd = new Random(Seeds.split(seed, "glimpse/eval-batch-" + from));
                Episode.run(model, ps, patches, policy, glimpses, start, rnd, false, s -> {
                    int t = s.step() - 1;
                    NDArray probs = s.logits().softmax(1);
                    pred[t] = Arrays.stream(probs.argMax(1).toLongArray()).mapToInt(v -> (int) v).toArray();
                    conf[t] = probs.max(new int[] {1}).toFloatArray();
                    float[] rec = s.reconstruction().toFloatArray();
                    for (int i = 0; i < b; i++) {
                        if (pred[t][i] == images.labels()[offset + i]) {
                            correct[t]++;
                        }
                        frac[t][i] = g.pixelFraction(s.seen()[i]);
                        sq[t] += unseenSquaredError(rec, truth, s.seen()[i], i, g, std);
                    }
                });
                tallyStopRule(thresholds, pred, conf, frac, images.labels(), offset, stopCorrect, stopPixels);
            }
        }
        double[] acc = new double[glimpses];
        double[] rmse = new double[glimpses];
        for (int t = 0; t < glimpses; t++) {
            acc[t] = (double) correct[t] / n;
            rmse[t] = Math.sqrt(sq[t] / ((double) n * images.rows() * images.cols()));
        }
        double[] sa = new double[thresholds.length];
        double[] sp = new double[thresholds.length];
        for (int k = 0; k < thresholds.length; k++) {
            sa[k] = (double) stopCorrect[k] / n;
            sp[k] = stopPixels[k] / n;
        }
        return new Result(acc, rmse, thresholds.clone(), sa, sp);
    }

    /** Squared reconstruction error of sample {@code i}'s unseen patches, in pixel units 0..1. */
    private static double unseenSquaredError(float[] rec, float[] truth, boolean[] seen, int i, GlimpseGrid g, double std) {
        int pp = g.patchPixels();
        double sum = 0;
        for (int p = 0; p < g.patches(); p++) {
            if (!seen[p]) {
                for (int k = 0; k < pp; k++) {
                    int idx = (i * g.patches() + p) * pp + k;
                    double d = (rec[idx] - truth[idx]) * std; // back to pixel units 0..1
                    sum += d * d;
                }
            }
        }
        return sum;
    }

    /** For each stop threshold: whether the answer at the step the stop rule picks is right, and the pixels seen by then. */
    private static void tallyStopRule(double[] thresholds, int[][] pred, float[][] conf, double[][] frac, int[] labels, int offset,
            int[] stopCorrect, double[] stopPixels) {
        int glimpses = pred.length;
        int b = pred[0].length;
        for (int k = 0; k < thresholds.length; k++) {
            for (int i = 0; i < b; i++) {
                float[] c = new float[glimpses];
                for (int s = 0; s < glimpses; s++) {
                    c[s] = conf[s][i];
                }
                int t = StopRule.stopStep(c, thresholds[k]);
                if (pred[t][i] == labels[offset + i]) {
                    stopCorrect[k]++;
                }
                stopPixels[k] += frac[t][i];
            }
        }
    }

    /** Accuracy with every patch seen. */
    public static double fullImageAccuracy(GlimpseModel model, NDManager manager, BatchAssembler data) {
        ImageSet images = data.images();
        ParameterStore ps = new ParameterStore(manager, false);
        int correct = 0;
        for (int from = 0; from < images.size(); from += BATCH) {
            int to = Math.min(images.size(), from + BATCH);
            try (NDScope scope = new NDScope()) {
                NDArray patches = Episode.patches(Batches.inOrder(manager, data, from, to), model.grid());
                NDArray all = manager.ones(new Shape(to - from, model.grid().patches()));
                long[] p = model.run(ps, patches, all, false).get(0).argMax(1).toLongArray();
                for (int i = 0; i < p.length; i++) {
                    if (p[i] == images.labels()[from + i]) {
                        correct++;
                    }
                }
            }
        }
        return (double) correct / images.size();
    }

    /** The window that alone gives the best accuracy on (the first {@code limit} images of) {@code data}. */
    public static int bestStart(GlimpseModel model, NDManager manager, BatchAssembler data, int limit) {
        GlimpseGrid g = model.grid();
        ImageSet images = data.images().head(limit);
        BatchAssembler sub = new BatchAssembler(images, data.normalization());
        int best = 0;
        double bestAcc = -1;
        for (int pos = 0; pos < g.positions(); pos++) {
            double acc = evaluate(model, manager, sub, new SinglePositionPolicy(pos), 1, pos, 0, new double[0]).accuracyByGlimpses()[0];
            if (acc > bestAcc) {
                bestAcc = acc;
                best = pos;
            }
        }
        return best;
    }
}
