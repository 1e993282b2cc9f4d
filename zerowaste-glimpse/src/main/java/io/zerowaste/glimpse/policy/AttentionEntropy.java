package io.zerowaste.glimpse.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * The uncertainty AME reads from a transformer: for every patch token, the entropy of its attention row,
 * summed over heads. Computed in libtorch so only N × P numbers cross to Java each glimpse, not N·H·L².
 */
public final class AttentionEntropy {

    private AttentionEntropy() {}

    /**
     * Attention probabilities N × heads × L × L (token 0 = CLS) → per patch Σ_heads −Σ_j a_pj ln a_pj, N × (L−1),
     * with 0·ln 0 = 0. No gradient flows through it.
     */
    public static NDArray perPatch(NDArray attention) {
        NDArray a = attention.stopGradient().get(new NDIndex(":, :, 1:, :"));
        NDArray plogp = a.mul(a.clip(1e-30f, 1f).log());
        return plogp.sum(new int[] {1, 3}).neg();
    }
}
