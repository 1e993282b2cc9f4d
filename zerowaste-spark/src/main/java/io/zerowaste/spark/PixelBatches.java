package io.zerowaste.spark;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.zerowaste.core.data.Normalization;
import io.zerowaste.nn.eval.Batches;
import io.zerowaste.nn.model.ArchitectureSpec;

/**
 * Raw pixel rows as normalised N×C×H×W batches, made as they are asked for: the same values the single-JVM
 * commands feed the model ({@link Normalization#apply} per grey level).
 */
final class PixelBatches {

    private final ArchitectureSpec spec;
    private final float[] lut = new float[256];

    PixelBatches(ArchitectureSpec spec, Normalization norm) {
        this.spec = spec;
        for (int i = 0; i < 256; i++) {
            lut[i] = norm.apply(i);
        }
    }

    /** Images {@code from..to} of {@code pixels} (one image after the other, C×H×W bytes each). */
    NDArray batch(NDManager manager, byte[] pixels, int from, int to) {
        int size = PixelSchema.pixelsPerImage(spec);
        float[] x = new float[(to - from) * size];
        for (int i = 0, at = from * size; i < x.length; i++, at++) {
            x[i] = lut[pixels[at] & 0xff];
        }
        return manager.create(x, new Shape(to - from, spec.channels(), spec.height(), spec.width()));
    }

    /** The {@code n} images of {@code pixels} as consecutive batches of {@code batch}. */
    Iterable<NDArray> inOrder(NDManager manager, byte[] pixels, int n, int batch) {
        return Batches.lazily(n, batch, (from, to) -> batch(manager, pixels, from, to));
    }
}
