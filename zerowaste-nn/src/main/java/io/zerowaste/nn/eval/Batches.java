package io.zerowaste.nn.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.zerowaste.core.data.BatchAssembler;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** Normalised image batches as N×C×H×W arrays, in data-set order (no augmentation), and the loop over them. */
public final class Batches {

    /** The batch every offline inference pass uses: large enough to keep libtorch's kernels busy on 2 cores. */
    public static final int INFERENCE_BATCH = 512;

    /** What to do with one batch: images {@code from..to} as {@code x}, freed when the step returns. */
    @FunctionalInterface
    public interface Step {
        void accept(int from, int to, NDArray x);
    }

    /** Makes the batch of items {@code from..to}. */
    @FunctionalInterface
    public interface Maker {
        NDArray make(int from, int to);
    }

    private Batches() {}

    /**
     * Items {@code 0..n} as consecutive batches of {@code batch} (the last one shorter), each made by {@code maker} only
     * when it is asked for, so a stream of predictions holds one batch's input at a time.
     */
    public static Iterable<NDArray> lazily(int n, int batch, Maker maker) {
        return () -> new Iterator<>() {
            int from;

            @Override
            public boolean hasNext() {
                return from < n;
            }

            @Override
            public NDArray next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int to = Math.min(n, from + batch);
                NDArray x = maker.make(from, to);
                from = to;
                return x;
            }
        };
    }

    /**
     * Runs {@code step} on every batch of {@code data} in order, each inside its own {@link NDScope}, so whatever a
     * step creates is freed before the next batch (copy what must outlive it to Java arrays).
     */
    public static void inOrder(NDManager manager, BatchAssembler data, Step step) {
        int n = data.images().size();
        for (int from = 0; from < n; from += INFERENCE_BATCH) {
            int to = Math.min(n, from + INFERENCE_BATCH);
            try (NDScope scope = new NDScope()) {
                step.accept(from, to, inOrder(manager, data, from, to));
            }
        }
    }

    /** Images {@code from..to} of {@code data}, owned by {@code manager}. */
    public static NDArray inOrder(NDManager manager, BatchAssembler data, int from, int to) {
        return manager.create(data.pixels(from, to), new Shape(to - from, data.images().channels(), data.images().rows(), data.images().cols()));
    }
}
