package io.zerowaste.nn.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.zerowaste.core.data.BatchAssembler;

/** Normalised image batches as N×1×H×W arrays, in data-set order (no augmentation). */
public final class Batches {

    private Batches() {}

    /** Images {@code from..to} of {@code data}, owned by {@code manager}. */
    public static NDArray inOrder(NDManager manager, BatchAssembler data, int from, int to) {
        return manager.create(data.pixels(from, to), new Shape(to - from, 1, data.images().rows(), data.images().cols()));
    }
}
