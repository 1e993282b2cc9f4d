package io.zerowaste.glimpse.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.zerowaste.core.Seeds;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.core.data.Normalization;
import io.zerowaste.glimpse.geometry.GlimpseGrid;
import io.zerowaste.glimpse.model.GlimpseModel;
import io.zerowaste.glimpse.policy.GlimpsePolicy;
import io.zerowaste.glimpse.policy.StopRule;
import io.zerowaste.nn.eval.Batches;
import java.util.Arrays;
import java.util.List;
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
     * @param fallbackAccuracy the same stop rule, except that a sample still below τ after T glimpses is answered
     *     from the full image (it then counts as having seen every pixel): "stop once confident, else look at all"
     * @param fallbackPixelFraction mean fraction of pixels seen under that rule
     * @param pixelFractionByGlimpses mean fraction of pixels seen after 1..T glimpses (below the glimpses' own share
     *     when windows overlap)
     */
    public record Result(double[] accuracyByGlimpses, double[] rmseByGlimpses, double[] stopThresholds, double[] stopAccuracy,
            double[] stopPixelFraction, double[] fallbackAccuracy, double[] fallbackPixelFraction, double[] pixelFractionByGlimpses) {

        /**
         * The smallest mean pixel fraction among the stop-curve points whose accuracy reaches {@code target};
         * null when none does.
         */
        public Double pixelFractionToReach(double target) {
            return cheapest(stopAccuracy, stopPixelFraction, target);
        }

        /** As {@link #pixelFractionToReach}, on the curve with the full-image fallback. */
        public Double fallbackPixelFractionToReach(double target) {
            return cheapest(fallbackAccuracy, fallbackPixelFraction, target);
        }

        private static Double cheapest(double[] accuracy, double[] pixels, double target) {
            Double best = null;
            for (int k = 0; k < accuracy.length; k++) {
                if (accuracy[k] >= target - 1e-12 && (best == null || pixels[k] < best)) {
                    best = pixels[k];
                }
            }
            return best;
        }
    }

    private GlimpseEvaluator() {}

    public static Result evaluate(GlimpseModel model, NDManager manager, BatchAssembler data, GlimpsePolicy policy, int glimpses,
            int start, long seed, double[] thresholds) {
        return evaluate(model, manager, data, policy, glimpses, start, seed, thresholds, null);
    }

    /**
     * As above, with the model's {@link #fullImagePredictions} on {@code data} already at hand (for the stop rule's
     * full-image fallback), so that evaluating several policies does not repeat that pass; null: computed here.
     */
    public static Result evaluate(GlimpseModel model, NDManager manager, BatchAssembler data, GlimpsePolicy policy, int glimpses,
            int start, long seed, double[] thresholds, int[] fullPredictions) {
        ImageSet images = data.images();
        int[] full = fullPredictions != null || thresholds.length == 0 ? fullPredictions : fullImagePredictions(model, manager, data);
        int n = images.size();
        GlimpseGrid g = model.grid();
        int[] correct = new int[glimpses];
        double[] sq = new double[glimpses];
        double[] pixels = new double[glimpses];
        StopTally capped = new StopTally(thresholds.length);
        StopTally fallback = new StopTally(thresholds.length);
        ParameterStore ps = new ParameterStore(manager, false);
        Normalization norm = data.normalization();
        double[] std = new double[model.channels()];
        for (int c = 0; c < std.length; c++) {
            std[c] = norm.std(c);
        }
        for (int from = 0; from < n; from += BATCH) {
            int to = Math.min(n, from + BATCH);
            int b = to - from;
            int offset = from;
            try (NDScope scope = new NDScope()) {
                NDArray patches = Episode.patches(Batches.inOrder(manager, data, from, to), g);
                float[] truth = patches.toFloatArray();
                int values = model.patchValues();
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
                        pixels[t] += frac[t][i];
                        sq[t] += unseenSquaredError(rec, truth, s.seen()[i], i, g.patches(), values, g.patchPixels(), std);
                    }
                });
                tallyStopRule(thresholds, pred, conf, frac, null, images.labels(), offset, capped);
                tallyStopRule(thresholds, pred, conf, frac, full == null ? null : Arrays.copyOfRange(full, from, to), images.labels(), offset,
                        fallback);
            }
        }
        double[] acc = new double[glimpses];
        double[] rmse = new double[glimpses];
        for (int t = 0; t < glimpses; t++) {
            acc[t] = (double) correct[t] / n;
            pixels[t] /= n;
            rmse[t] = Math.sqrt(sq[t] / ((double) n * g.patches() * model.patchValues()));
        }
        return new Result(acc, rmse, thresholds.clone(), capped.accuracy(n), capped.pixelFraction(n), fallback.accuracy(n),
                fallback.pixelFraction(n), pixels);
    }

    /** Right answers and pixels seen, summed per stop threshold. */
    record StopTally(int[] correct, double[] pixels) {

        StopTally(int thresholds) {
            this(new int[thresholds], new double[thresholds]);
        }

        double[] accuracy(int n) {
            return Arrays.stream(correct).mapToDouble(c -> (double) c / n).toArray();
        }

        double[] pixelFraction(int n) {
            return Arrays.stream(pixels).map(p -> p / n).toArray();
        }
    }

    /** Squared reconstruction error of sample {@code i}'s unseen patches, in pixel units 0..1. */
    private static double unseenSquaredError(float[] rec, float[] truth, boolean[] seen, int i, int patches, int pp, int plane, double[] std) {
        double sum = 0;
        for (int p = 0; p < patches; p++) {
            if (!seen[p]) {
                for (int k = 0; k < pp; k++) {
                    int idx = (i * patches + p) * pp + k;
                    double d = (rec[idx] - truth[idx]) * std[k / plane]; // back to pixel units 0..1, channel by channel
                    sum += d * d;
                }
            }
        }
        return sum;
    }

    /**
     * For each stop threshold: whether the answer at the step the stop rule picks is right, and the pixels seen by
     * then. With {@code fullPred}, a sample that never reaches τ is answered from the full image instead of its last glimpse.
     */
    static void tallyStopRule(double[] thresholds, int[][] pred, float[][] conf, double[][] frac, int[] fullPred, int[] labels,
            int offset, StopTally tally) {
        int glimpses = pred.length;
        int b = pred[0].length;
        for (int k = 0; k < thresholds.length; k++) {
            for (int i = 0; i < b; i++) {
                float[] c = new float[glimpses];
                for (int s = 0; s < glimpses; s++) {
                    c[s] = conf[s][i];
                }
                int t = StopRule.stopStep(c, thresholds[k]);
                boolean lookAtAll = fullPred != null && !StopRule.confident(c[t], thresholds[k]);
                if ((lookAtAll ? fullPred[i] : pred[t][i]) == labels[offset + i]) {
                    tally.correct()[k]++;
                }
                tally.pixels()[k] += lookAtAll ? 1.0 : frac[t][i];
            }
        }
    }

    /** Accuracy with every patch seen (encoder and classifier only). */
    public static double fullImageAccuracy(GlimpseModel model, NDManager manager, BatchAssembler data) {
        return accuracy(model, manager, data, (from, to) -> all(to - from, model.grid().patches()));
    }

    /** The class the model answers for each image of {@code data} with every patch seen. */
    public static int[] fullImagePredictions(GlimpseModel model, NDManager manager, BatchAssembler data) {
        return predictions(model, manager, data, (from, to) -> all(to - from, model.grid().patches()));
    }

    /** The share of {@code predictions} equal to {@code data}'s labels. */
    public static double accuracyOf(int[] predictions, BatchAssembler data) {
        int correct = 0;
        for (int i = 0; i < predictions.length; i++) {
            correct += predictions[i] == data.images().labels()[i] ? 1 : 0;
        }
        return (double) correct / predictions.length;
    }

    /** Accuracy with {@code k} random glimpses per image, drawn with {@code seed} (encoder and classifier only). */
    public static double randomSubsetAccuracy(GlimpseModel model, NDManager manager, BatchAssembler data, int k, long seed) {
        return accuracy(model, manager, data,
                (from, to) -> GlimpseSubsets.draw(model.grid(), to - from, k, new Random(Seeds.split(seed, "glimpse/subset-" + k + "-" + from))));
    }

    /**
     * The score early stopping watches: the mean accuracy, on (at most 2,000 images of) validation, after 1, 2,
     * 4 and T random glimpses and on the full image. Every policy reads this one model, so no single policy is favoured.
     */
    public static double validationScore(GlimpseModel model, NDManager manager, BatchAssembler validation, int glimpses, long seed) {
        BatchAssembler v = new BatchAssembler(validation.images().head(Math.min(2000, validation.images().size())), validation.normalization());
        java.util.SortedSet<Integer> counts = new java.util.TreeSet<>(List.of(1, 2, 4, glimpses));
        counts.removeIf(k -> k > glimpses);
        double sum = fullImageAccuracy(model, manager, v);
        for (int k : counts) {
            sum += randomSubsetAccuracy(model, manager, v, k, seed);
        }
        return sum / (counts.size() + 1);
    }

    /** What each batch of images {@code from..to} sees. */
    @FunctionalInterface
    interface Views {
        boolean[][] of(int from, int to);
    }

    private static double accuracy(GlimpseModel model, NDManager manager, BatchAssembler data, Views views) {
        return accuracyOf(predictions(model, manager, data, views), data);
    }

    private static int[] predictions(GlimpseModel model, NDManager manager, BatchAssembler data, Views views) {
        ImageSet images = data.images();
        ParameterStore ps = new ParameterStore(manager, false);
        int[] out = new int[images.size()];
        for (int from = 0; from < images.size(); from += BATCH) {
            int to = Math.min(images.size(), from + BATCH);
            try (NDScope scope = new NDScope()) {
                NDArray patches = Episode.patches(Batches.inOrder(manager, data, from, to), model.grid());
                long[] p = model.run(ps, patches, views.of(from, to), false, false).logits().argMax(1).toLongArray();
                for (int i = 0; i < p.length; i++) {
                    out[from + i] = (int) p[i];
                }
            }
        }
        return out;
    }

    static boolean[][] all(int n, int patches) {
        boolean[][] seen = new boolean[n][patches];
        for (boolean[] row : seen) {
            Arrays.fill(row, true);
        }
        return seen;
    }

    /** The window that alone gives the best accuracy on (the first {@code limit} images of) {@code data}. */
    public static int bestStart(GlimpseModel model, NDManager manager, BatchAssembler data, int limit) {
        GlimpseGrid g = model.grid();
        BatchAssembler sub = new BatchAssembler(data.images().head(Math.min(limit, data.images().size())), data.normalization());
        int best = 0;
        double bestAcc = -1;
        for (int pos = 0; pos < g.positions(); pos++) {
            int[] window = g.patchesOf(pos);
            double acc = accuracy(model, manager, sub, (from, to) -> {
                boolean[][] seen = new boolean[to - from][g.patches()];
                for (boolean[] row : seen) {
                    for (int p : window) {
                        row[p] = true;
                    }
                }
                return seen;
            });
            if (acc > bestAcc) {
                bestAcc = acc;
                best = pos;
            }
        }
        return best;
    }

    /**
     * Measured classification throughput (encoder + classifier) on {@code data} after {@code k} random glimpses
     * ({@code k = 0}: the full image). The views are drawn before the clock starts.
     */
    public static double imagesPerSecond(GlimpseModel model, NDManager manager, BatchAssembler data, int k) {
        int n = data.images().size();
        boolean[][][] views = new boolean[(n + BATCH - 1) / BATCH][][];
        for (int b = 0; b < views.length; b++) {
            int size = Math.min(BATCH, n - b * BATCH);
            views[b] = k == 0 ? all(size, model.grid().patches()) : GlimpseSubsets.draw(model.grid(), size, k, new Random(b));
        }
        long t0 = System.nanoTime();
        accuracy(model, manager, data, (from, to) -> views[from / BATCH]);
        return n / ((System.nanoTime() - t0) / 1e9);
    }
}
