package io.zerowaste.nn.model;

import ai.djl.nn.Block;
import io.zerowaste.nn.engine.Precision;

/** Sets the precision of every {@link PrecisionAware} block of a network, however deep. */
public final class MixedPrecision {

    private MixedPrecision() {}

    /** Sets {@code precision} on {@code root} and every block below it; returns how many blocks took it. */
    public static int set(Block root, Precision precision) {
        PrecisionAware.checked(precision);
        int n = 0;
        if (root instanceof PrecisionAware p) {
            p.setPrecision(precision);
            n++;
        }
        for (Block child : root.getChildren().values()) {
            n += set(child, precision);
        }
        return n;
    }
}
