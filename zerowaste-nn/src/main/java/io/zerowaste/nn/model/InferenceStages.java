package io.zerowaste.nn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;

/**
 * A trained backbone's stages for inference only: the same stage outputs as
 * {@link StagedBackbone#forwardStage} in inference mode, computed the cheapest way the frozen weights allow.
 * A form that transforms the weights (ResNet-14's folds its batch norms) is a snapshot of them when it was
 * made: make a new one after training further.
 */
public interface InferenceStages {

    int numStages();

    /** Stage {@code i} on the output of stage {@code i − 1} (stage 0 takes the image batch). */
    NDArray runStage(int i, NDArray input);

    /** The final classifier on the last stage's output. */
    NDArray classify(NDArray features);

    /**
     * Logits, one stage at a time, each stage in its own scope so its intermediates are freed before the next
     * runs, so the peak memory of a pass is one stage's (timing in docs/PERFORMANCE.md). The result belongs to the
     * caller's scope.
     */
    default NDArray logits(NDArray x) {
        return logits(x, null);
    }

    /** {@link #logits(NDArray)}, adding each stage's nanoseconds to {@code stageNanos} when it is given. */
    default NDArray logits(NDArray x, long[] stageNanos) {
        NDArray h = x;
        for (int i = 0; i < numStages(); i++) {
            NDArray next;
            try (NDScope stage = new NDScope()) {
                long start = System.nanoTime();
                next = runStage(i, h);
                if (stageNanos != null) {
                    stageNanos[i] += System.nanoTime() - start;
                }
                NDScope.unregister(next);
            }
            if (h != x) {
                h.close();
            }
            h = next;
        }
        long start = System.nanoTime();
        NDArray logits = classify(h);
        if (stageNanos != null) {
            stageNanos[numStages() - 1] += System.nanoTime() - start; // the last stage's time includes the classifier
        }
        if (h != x) {
            h.close();
        }
        return logits;
    }
}
