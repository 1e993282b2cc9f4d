package io.zerowaste.core.data;

import java.util.Arrays;

/**
 * Grey-scale images as raw bytes (row-major, one image after another) with their labels. Kept as bytes:
 * a quarter of the memory of floats; batches are converted on the fly.
 */
public record ImageSet(byte[] pixels, int[] labels, int rows, int cols) {

    public ImageSet {
        if (pixels.length != (long) labels.length * rows * cols) {
            throw new IllegalArgumentException("pixels hold " + pixels.length + " bytes, expected "
                    + labels.length + " images of " + rows + "x" + cols);
        }
    }

    public int size() {
        return labels.length;
    }

    public int imageSize() {
        return rows * cols;
    }

    /** Pixel (r, c) of image i, 0..255. */
    public int pixel(int i, int r, int c) {
        return pixels[i * imageSize() + r * cols + c] & 0xff;
    }

    /** The images at the given indices, in that order. */
    public ImageSet subset(int[] indices) {
        int n = imageSize();
        byte[] px = new byte[indices.length * n];
        int[] lb = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(pixels, indices[k] * n, px, k * n, n);
            lb[k] = labels[indices[k]];
        }
        return new ImageSet(px, lb, rows, cols);
    }

    /** The first {@code n} images (all when n is larger). */
    public ImageSet head(int n) {
        if (n >= size()) {
            return this;
        }
        int[] idx = new int[n];
        Arrays.setAll(idx, i -> i);
        return subset(idx);
    }

    /** One more than the largest label. */
    public int numClasses() {
        int max = -1;
        for (int l : labels) {
            max = Math.max(max, l);
        }
        return max + 1;
    }
}
