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

    /** The same images with their pixels rearranged: pixel k of every output image is pixel perm[k] of the input. */
    public ImageSet permutePixels(int[] perm) {
        int n = imageSize();
        if (perm.length != n) {
            throw new IllegalArgumentException("permutation has " + perm.length + " entries, images have " + n + " pixels");
        }
        byte[] px = new byte[pixels.length];
        for (int i = 0; i < size(); i++) {
            int base = i * n;
            for (int k = 0; k < n; k++) {
                px[base + k] = pixels[base + perm[k]];
            }
        }
        return new ImageSet(px, labels.clone(), rows, cols);
    }

    /** The images of this set followed by those of {@code other} (same image size). */
    public ImageSet concat(ImageSet other) {
        if (other.rows != rows || other.cols != cols) {
            throw new IllegalArgumentException("cannot join " + rows + "x" + cols + " and " + other.rows + "x" + other.cols + " images");
        }
        byte[] px = Arrays.copyOf(pixels, pixels.length + other.pixels.length);
        System.arraycopy(other.pixels, 0, px, pixels.length, other.pixels.length);
        int[] lb = Arrays.copyOf(labels, labels.length + other.labels.length);
        System.arraycopy(other.labels, 0, lb, labels.length, other.labels.length);
        return new ImageSet(px, lb, rows, cols);
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
