package io.zerowaste.exits.method;

import io.zerowaste.exits.policy.ConfidencePolicy;
import io.zerowaste.exits.policy.ExitPolicy;
import java.util.List;

/**
 * Zero-Time-Waste: cascaded heads (each reads the previous head's logits) and a weighted geometric
 * ensemble per head; exit on the ensemble's max softmax ≥ τ.
 */
public record ZtwMethod() implements EarlyExitMethod {

    public static final String NAME = "ztw";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean cascade() {
        return true;
    }

    @Override
    public boolean ensemble() {
        return true;
    }

    @Override
    public ExitPolicy policy(double param) {
        return new ConfidencePolicy(param);
    }

    @Override
    public List<Double> sweep(int heads) {
        return EarlyExitMethod.thresholdSweep();
    }
}
