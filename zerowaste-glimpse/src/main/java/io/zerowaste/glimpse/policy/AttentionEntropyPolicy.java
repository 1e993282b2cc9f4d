package io.zerowaste.glimpse.policy;

/**
 * Attention-map entropy (AME): from the last attention layer, for every unseen patch the entropy of its
 * attention row, summed over heads ({@link AttentionEntropy}); a window scores the mean over its unseen patches; the highest-scoring
 * window that still reveals something is taken. The first glimpse is the data-driven start.
 */
public final class AttentionEntropyPolicy implements GlimpsePolicy {

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
            if (s.step() == 0 || s.entropy() == null) {
                out[i] = s.revealsNew(i, s.start()) ? s.start() : s.firstUseful(i, order(s));
                continue;
            }
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
                        sum += s.entropy(i, p);
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

    private static int[] order(GlimpseState s) {
        return java.util.stream.IntStream.range(0, s.grid().positions()).toArray();
    }
}
