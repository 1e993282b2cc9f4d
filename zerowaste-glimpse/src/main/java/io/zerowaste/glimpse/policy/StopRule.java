package io.zerowaste.glimpse.policy;

/**
 * Stop when the top softmax probability reaches τ, or after the last glimpse. A sample that stops at the last
 * glimpse without being {@link #confident} may then be answered from the full image (the evaluator reports both).
 */
public final class StopRule {

    private StopRule() {}

    /** The 0-based step at which a sample with these per-step confidences stops. */
    public static int stopStep(float[] confidenceByStep, double threshold) {
        for (int t = 0; t < confidenceByStep.length; t++) {
            if (confident(confidenceByStep[t], threshold)) {
                return t;
            }
        }
        return confidenceByStep.length - 1;
    }

    /** Whether a top softmax probability is enough to stop at τ. */
    public static boolean confident(float confidence, double threshold) {
        return confidence >= threshold;
    }
}
