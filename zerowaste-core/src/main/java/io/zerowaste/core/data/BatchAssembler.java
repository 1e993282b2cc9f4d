package io.zerowaste.core.data;

import java.util.Random;

/**
 * Turns images into a normalised float batch (N×C×H×W, row-major), applying augmentation when asked; the same
 * crop and flip apply to every channel of an image, and each channel has its own normalisation.
 * Pure Java so it can run ahead of the network on another thread.
 */
public final class BatchAssembler {

    private final ImageSet images;
    private final Normalization norm;
    private final float[][] lut;

    public BatchAssembler(ImageSet images, Normalization norm) {
        if (norm.channels() != 1 && norm.channels() != images.channels()) {
            throw new IllegalArgumentException("a " + norm.channels() + "-channel normalisation for "
                    + images.channels() + "-channel images");
        }
        this.images = images;
        this.norm = norm;
        lut = new float[images.channels()][256];
        for (int c = 0; c < lut.length; c++) {
            for (int i = 0; i < 256; i++) {
                lut[c][i] = norm.apply(norm.channels() == 1 ? 0 : c, i);
            }
        }
    }

    /** Channels, height and width of one image of the batch. */
    public int[] imageShape() {
        return images.shape();
    }

    public ImageSet images() {
        return images;
    }

    public Normalization normalization() {
        return norm;
    }

    /** Pixels of images {@code from..to} in data-set order, unaugmented. */
    public float[] pixels(int from, int to) {
        int[] indices = new int[to - from];
        for (int k = 0; k < indices.length; k++) {
            indices[k] = from + k;
        }
        return pixels(indices, 0, indices.length);
    }

    /** Pixels of the images at {@code indices}, unaugmented. */
    public float[] pixels(int[] indices, int from, int to) {
        return pixels(indices, from, to, Augmentation.NONE, null);
    }

    /** Pixels of the images at {@code indices[from..to)}, augmented with {@code rnd}. */
    public float[] pixels(int[] indices, int from, int to, Augmentation aug, Random rnd) {
        int rows = images.rows();
        int cols = images.cols();
        int plane = rows * cols;
        int channels = images.channels();
        int size = channels * plane;
        float[] out = new float[(to - from) * size];
        byte[] px = images.pixels();
        for (int k = from; k < to; k++) {
            int base = indices[k] * size;
            int o = (k - from) * size;
            if (aug.isNone()) {
                for (int p = 0; p < size; p++) {
                    out[o + p] = lut[p / plane][px[base + p] & 0xff];
                }
                continue;
            }
            // one draw per image (not per channel): the grey stream of random numbers is unchanged
            int pad = aug.padding();
            int dy = pad == 0 ? 0 : rnd.nextInt(2 * pad + 1) - pad;
            int dx = pad == 0 ? 0 : rnd.nextInt(2 * pad + 1) - pad;
            boolean flip = aug.flip() && rnd.nextBoolean();
            for (int ch = 0; ch < channels; ch++) {
                float[] l = lut[ch];
                float zero = l[0];
                int cb = base + ch * plane;
                int co = o + ch * plane;
                for (int r = 0; r < rows; r++) {
                    int sr = r + dy;
                    for (int c = 0; c < cols; c++) {
                        int sc = (flip ? cols - 1 - c : c) + dx;
                        out[co + r * cols + c] = (sr < 0 || sr >= rows || sc < 0 || sc >= cols)
                                ? zero : l[px[cb + sr * cols + sc] & 0xff];
                    }
                }
            }
        }
        return out;
    }

    /** Labels of the images at {@code indices[from..to)}. */
    public int[] labels(int[] indices, int from, int to) {
        int[] out = new int[to - from];
        for (int k = from; k < to; k++) {
            out[k - from] = images.labels()[indices[k]];
        }
        return out;
    }
}
