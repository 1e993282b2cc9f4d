package io.zerowaste.exits.policy;

/**
 * Exit at the first head whose prediction entropy, normalised by log C to [0, 1], is at most the
 * threshold. Swept from 0 (never exit early) to 1 (always exit at head 0).
 */
public record EntropyExitPolicy(double maxEntropy) implements ExitPolicy {

    public static final String NAME = "entropy";

    @Override
    public double param() {
        return maxEntropy;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decider newDecider() {
        return (head, probs) -> normalisedEntropy(probs) <= maxEntropy;
    }

    public static double normalisedEntropy(float[] p) {
        double h = 0;
        for (float v : p) {
            if (v > 0) {
                h -= v * Math.log(v);
            }
        }
        return p.length > 1 ? h / Math.log(p.length) : 0;
    }
}
