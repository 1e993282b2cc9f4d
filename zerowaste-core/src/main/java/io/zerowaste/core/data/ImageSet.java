package io.zerowaste.core.data;

import java.util.Arrays;

/**
 * Images as raw bytes, C×H×W each (channel-major, rows in order), one image after another, with their labels.
 * Kept as bytes: a quarter of the memory of floats; batches are converted on the fly.
 */
public record ImageSet(byte[] pixels, int[] labels, int channels, int rows, int cols) {

    public ImageSet {
        if (channels < 1) {
            throw new IllegalArgumentException("images need at least one channel (got " + channels + ")");
        }
        if (pixels.length != (long) labels.length * channels * rows * cols) {
            throw new IllegalArgumentException("pixels hold " + pixels.length + " bytes, expected "
                    + labels.length + " images of " + channels + "x" + rows + "x" + cols);
        }
    }

    /** Grey images (one channel). */
    public ImageSet(byte[] pixels, int[] labels, int rows, int cols) {
        this(pixels, labels, 1, rows, cols);
    }

    public int size() {
        return labels.length;
    }

    /** Bytes per image: channels × rows × cols. */
    public int imageSize() {
        return channels * rows * cols;
    }

    /** Pixels per channel of one image: rows × cols. */
    public int planeSize() {
        return rows * cols;
    }

    /** Channels, height and width of one image. */
    public int[] shape() {
        return new int[] {channels, rows, cols};
    }

    /** Pixel (r, c) of image i's first channel, 0..255. */
    public int pixel(int i, int r, int c) {
        return pixel(i, 0, r, c);
    }

    /** Pixel (r, c) of channel ch of image i, 0..255. */
    public int pixel(int i, int ch, int r, int c) {
        return pixels[i * imageSize() + ch * planeSize() + r * cols + c] & 0xff;
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
        return new ImageSet(px, lb, channels, rows, cols);
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

    /** The same images with their bytes rearranged: byte k of every output image is byte perm[k] of the input. */
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
        return new ImageSet(px, labels.clone(), channels, rows, cols);
    }

    /** The images of this set followed by those of {@code other} (same image shape). */
    public ImageSet concat(ImageSet other) {
        if (other.channels != channels || other.rows != rows || other.cols != cols) {
            throw new IllegalArgumentException("cannot join " + channels + "x" + rows + "x" + cols + " and "
                    + other.channels + "x" + other.rows + "x" + other.cols + " images");
        }
        byte[] px = Arrays.copyOf(pixels, pixels.length + other.pixels.length);
        System.arraycopy(other.pixels, 0, px, pixels.length, other.pixels.length);
        int[] lb = Arrays.copyOf(labels, labels.length + other.labels.length);
        System.arraycopy(other.labels, 0, lb, labels.length, other.labels.length);
        return new ImageSet(px, lb, channels, rows, cols);
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
