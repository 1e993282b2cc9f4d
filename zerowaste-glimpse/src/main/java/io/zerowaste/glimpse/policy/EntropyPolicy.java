package io.zerowaste.glimpse.policy;

/**
 * Attention-map entropy (AME): from the last attention layer, for every unseen patch the entropy of its
 * attention row, summed over heads; a window scores the mean over its unseen patches; the highest-scoring
 * window that still reveals something is taken. The first glimpse is the data-driven start.
 */
public final class EntropyPolicy implements GlimpsePolicy {

    @Override
    public String name() {
        return "entropy";
    }

    @Override
    public boolean needsAttention() {
        return true;
    }

    @Override
    public int[] next(GlimpseState s) {
        int n = s.batch();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            if (s.step() == 0 || s.attention() == null) {
                out[i] = s.revealsNew(i, s.start()) ? s.start() : s.firstUseful(i, order(s));
                continue;
            }
            double[] e = patchEntropy(s, i);
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int pos = 0; pos < s.grid().positions(); pos++) {
                if (!s.revealsNew(i, pos)) {
                    continue;
                }
                double sum = 0;
                int k = 0;
                for (int p : s.grid().patchesOf(pos)) {
                    if (!s.seen()[i][p]) {
                        sum += e[p];
                        k++;
                    }
                }
                double score = sum / k;
                if (score > bestScore) {
                    bestScore = score;
                    best = pos;
                }
            }
            out[i] = best >= 0 ? best : s.firstUseful(i, order(s));
        }
        return out;
    }

    /** For sample i, per patch, Σ_heads −Σ_j a_pj log a_pj over its attention row (token p+1). */
    public static double[] patchEntropy(GlimpseState s, int i) {
        int patches = s.grid().patches();
        int l = patches + 1;
        double[] e = new double[patches];
        float[] a = s.attention();
        for (int h = 0; h < s.heads(); h++) {
            for (int p = 0; p < patches; p++) {
                int row = ((i * s.heads() + h) * l + p + 1) * l;
                double sum = 0;
                for (int j = 0; j < l; j++) {
                    double v = a[row + j];
                    if (v > 0) {
                        sum -= v * Math.log(v);
                    }
                }
                e[p] += sum;
            }
        }
        return e;
    }

    private static int[] order(GlimpseState s) {
        return java.util.stream.IntStream.range(0, s.grid().positions()).toArray();
    }
}
