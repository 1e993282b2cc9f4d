package io.zerowaste.nn.model;

import io.zerowaste.nn.engine.Precision;

/**
 * A block whose own forward pass can compute in bf16 (mixed precision: fp32 in and out, fp32 parameters).
 * fp32, the default, must be the exact path of the plain DJL block. {@link MixedPrecision#set} reaches every
 * such block of a network.
 */
public interface PrecisionAware {

    /** fp32 or bf16 (never auto: resolve it first). */
    void setPrecision(Precision precision);

    /** Refuses {@code auto}, which is a request, not a precision. */
    static Precision checked(Precision p) {
        if (p == null || p == Precision.AUTO) {
            throw new IllegalArgumentException("a block computes in fp32 or bf16, not " + p + " (resolve auto first: Precision.resolve)");
        }
        return p;
    }
}
