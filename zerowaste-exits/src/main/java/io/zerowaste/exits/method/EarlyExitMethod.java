package io.zerowaste.exits.method;

import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.exits.policy.ExitPolicy;
import java.util.List;

/**
 * An early-exit recipe: which heads it trains (independent or cascaded, with or without ZTW's
 * ensembles) and which exit rule it sweeps.
 */
public sealed interface EarlyExitMethod permits SdnMethod, PbeeMethod, ZtwMethod {

    String name();

    /** Heads read the previous head's logits. */
    boolean cascade();

    /** Exits decide on the weighted geometric ensemble of the heads so far. */
    boolean ensemble();

    /** The policy for one parameter value. */
    ExitPolicy policy(double param);

    /** The parameter values the offline sweep evaluates, for a model with {@code heads} internal classifiers. */
    List<Double> sweep(int heads);

    /** Which trained heads it uses: methods with the same key share one set of heads. */
    default String headsKey() {
        return cascade() ? "cascade" : "independent";
    }

    static EarlyExitMethod of(String name) {
        return switch (name.trim().toLowerCase()) {
            case SdnMethod.NAME -> new SdnMethod();
            case PbeeMethod.NAME -> new PbeeMethod();
            case ZtwMethod.NAME -> new ZtwMethod();
            default -> throw ZeroWasteException.badInput("unknown early-exit method '" + name + "' (known: sdn, pbee, ztw)");
        };
    }

    /** Thresholds 0, 0.005, …, 1 (201 values) and 1.01, which no probability reaches (never exit early). */
    static List<Double> thresholdSweep() {
        Double[] t = new Double[202];
        for (int i = 0; i <= 200; i++) {
            t[i] = i / 200.0;
        }
        t[201] = 1.01;
        return List.of(t);
    }
}
