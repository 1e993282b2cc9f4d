package io.zerowaste.nn.train;

import ai.djl.ndarray.NDArray;

/** Loss functions on logits. */
public final class Losses {

    private Losses() {}

    /** Mean cross-entropy of {@code logits} (N×C) against integer {@code labels} (N). */
    public static NDArray crossEntropy(NDArray logits, NDArray labels) {
        NDArray logp = logits.logSoftmax(1);
        NDArray oneHot = labels.oneHot((int) logits.getShape().get(1));
        return logp.mul(oneHot).sum(new int[] {1}).neg().mean();
    }
}
