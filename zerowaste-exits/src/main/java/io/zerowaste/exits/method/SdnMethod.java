package io.zerowaste.exits.method;

import io.zerowaste.exits.policy.ConfidencePolicy;
import io.zerowaste.exits.policy.ExitPolicy;
import java.util.List;

/** Shallow-Deep Networks: independent heads on the frozen backbone; exit on max softmax ≥ τ. */
public record SdnMethod() implements EarlyExitMethod {

    public static final String NAME = "sdn";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean cascade() {
        return false;
    }

    @Override
    public boolean ensemble() {
        return false;
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
