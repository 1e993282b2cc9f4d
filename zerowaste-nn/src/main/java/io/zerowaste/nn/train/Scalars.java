package io.zerowaste.nn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Multiplying a tensor by a constant inside a graph that will be differentiated.
 *
 * <p>Why not {@code x.mul(0.5f)}: DJL 0.36's PyTorch engine builds the constant with {@code torch::from_blob}
 * over a Java direct buffer and closes it right after the op, while autograd keeps the tensor for the
 * backward pass ({@code d(x·c)/dx = c}). Once the garbage collector frees the buffer, the backward pass reads
 * whatever memory now lies there: gradients of 1e30 or NaN after a long forward pass (seen on the glimpse
 * model at 8 glimpses, about one run in three). Here the constant is made by {@code torch::full}, so libtorch
 * owns its memory and autograd's reference keeps it alive.
 */
public final class Scalars {

    private Scalars() {}

    /** {@code x · factor}, safe to differentiate. */
    public static NDArray times(NDArray x, double factor) {
        try (NDArray c = x.getManager().full(new Shape(), (float) factor, x.getDataType())) {
            return x.mul(c);
        }
    }

    /** {@code x / divisor}, safe to differentiate. */
    public static NDArray dividedBy(NDArray x, double divisor) {
        return times(x, 1 / divisor);
    }
}
