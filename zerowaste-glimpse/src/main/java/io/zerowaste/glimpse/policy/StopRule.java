package io.zerowaste.glimpse.policy;

/** Stop when the top softmax probability reaches τ, or after the last glimpse. */
public final class StopRule {

    private StopRule() {}

    /** The 0-based step at which a sample with these per-step confidences stops. */
    public static int stopStep(float[] confidenceByStep, double threshold) {
        for (int t = 0; t < confidenceByStep.length; t++) {
            if (confidenceByStep[t] >= threshold) {
                return t;
            }
        }
        return confidenceByStep.length - 1;
    }
}
