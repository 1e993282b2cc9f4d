package io.zerowaste.exits.policy;

/**
 * When a sample leaves. A policy hands out one {@link Decider} per sample, fed the outputs of the
 * internal classifiers in order; the final classifier always takes whoever is left. The offline sweep and
 * the dynamic predictor use the same deciders, so they cannot disagree.
 */
public sealed interface ExitPolicy permits ConfidencePolicy, PatiencePolicy, EntropyExitPolicy {

    /** The policy's one parameter (threshold or patience), as swept and stored in bundles. */
    double param();

    String name();

    Decider newDecider();

    /** Decides for one sample. */
    interface Decider {
        /** Whether the sample exits at internal classifier {@code head}, whose class probabilities are {@code probs}. */
        boolean exitAfter(int head, float[] probs);
    }

    static ExitPolicy of(String name, double param) {
        return switch (name) {
            case ConfidencePolicy.NAME -> new ConfidencePolicy(param);
            case PatiencePolicy.NAME -> new PatiencePolicy((int) Math.round(param));
            case EntropyExitPolicy.NAME -> new EntropyExitPolicy(param);
            default -> throw io.zerowaste.core.ZeroWasteException.badInput("unknown exit policy '" + name
                    + "' (known: confidence, patience, entropy)");
        };
    }

    static int argmax(float[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }
}
