package io.zerowaste.exits.method;

import io.zerowaste.exits.policy.ExitPolicy;
import io.zerowaste.exits.policy.PatiencePolicy;
import java.util.ArrayList;
import java.util.List;

/** Patience-based early exit on SDN's heads: exit once p consecutive heads agree (p = 1..n). */
public record PbeeMethod() implements EarlyExitMethod {

    public static final String NAME = "pbee";

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
        return new PatiencePolicy((int) Math.round(param));
    }

    @Override
    public List<Double> sweep(int heads) {
        List<Double> p = new ArrayList<>();
        for (int i = 1; i <= heads; i++) {
            p.add((double) i);
        }
        return p;
    }
}
