package io.zerowaste.exits.policy;

/** Exit at the first head whose largest class probability reaches the threshold τ (SDN, ZTW). */
public record ConfidencePolicy(double threshold) implements ExitPolicy {

    public static final String NAME = "confidence";

    @Override
    public double param() {
        return threshold;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decider newDecider() {
        return (head, probs) -> probs[ExitPolicy.argmax(probs)] >= threshold;
    }
}
