package io.zerowaste.glimpse.policy;

/**
 * Attention-map entropy (AME, Pardyl et al. 2023): after each glimpse, the decoder's last attention layer gives
 * every unseen patch the entropy of its attention row, summed over heads (seen patches count 0). Each window
 * scores the mean over its patches, so a window half seen already scores half; the highest-scoring window that
 * still reveals something is taken. The first window is the data-driven start, or, with AME's own start
 * ({@code start < 0}), the same rule applied to the decoder's attention when nothing has been seen yet.
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
            if (s.step() == 0 && s.start() >= 0 && s.revealsNew(i, s.start())) {
                out[i] = s.start();
            } else if (s.entropy() == null) {
                out[i] = s.firstUseful(i, FixedOrderPolicy.rowMajor(s.grid()));
            } else {
                out[i] = best(s, i);
            }
        }
        return out;
    }

    /** The window with the highest mean unseen-patch entropy among those that reveal something. */
    static int best(GlimpseState s, int i) {
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int pos = 0; pos < s.grid().positions(); pos++) {
            if (!s.revealsNew(i, pos)) {
                continue;
            }
            int[] window = s.grid().patchesOf(pos);
            double sum = 0;
            for (int p : window) {
                sum += s.seen()[i][p] ? 0 : s.entropy(i, p);
            }
            double score = sum / window.length;
            if (score > bestScore) {
                bestScore = score;
                best = pos;
            }
        }
        return best >= 0 ? best : s.firstUseful(i, FixedOrderPolicy.rowMajor(s.grid()));
    }
}
