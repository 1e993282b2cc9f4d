package io.zerowaste.exits.policy;

/**
 * PBEE's patience rule: a counter of consecutive heads that agree with the previous head's argmax (reset to
 * 0 on a change); exit when it reaches {@code patience}. Head 0 never exits; with n internal classifiers,
 * patience n never exits early.
 */
public record PatiencePolicy(int patience) implements ExitPolicy {

    public static final String NAME = "patience";

    @Override
    public double param() {
        return patience;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Decider newDecider() {
        return new Decider() {
            private int previous = -1;
            private int count;

            @Override
            public boolean exitAfter(int head, float[] probs) {
                int label = ExitPolicy.argmax(probs);
                count = label == previous ? count + 1 : 0;
                previous = label;
                return count >= patience;
            }
        };
    }
}
