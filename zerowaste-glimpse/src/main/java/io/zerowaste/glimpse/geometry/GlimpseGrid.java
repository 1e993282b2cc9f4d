package io.zerowaste.glimpse.geometry;

/**
 * The glimpse geometry of DESIGN §8: a rows×cols image is a grid of p×p patches (28×28 → 7×7 of 4×4); a
 * glimpse reveals a w×w block of patches (2×2 → 8×8 pixels) at one of (grid−w+1)² positions (36), numbered
 * row-major by the block's top-left patch.
 */
public record GlimpseGrid(int rows, int cols, int patch, int window) {

    public static GlimpseGrid standard(int rows, int cols) {
        return new GlimpseGrid(rows, cols, 4, 2);
    }

    public GlimpseGrid {
        if (rows % patch != 0 || cols % patch != 0) {
            throw new IllegalArgumentException(rows + "x" + cols + " images do not split into " + patch + "x" + patch + " patches");
        }
    }

    public int gridRows() {
        return rows / patch;
    }

    public int gridCols() {
        return cols / patch;
    }

    public int patches() {
        return gridRows() * gridCols();
    }

    public int patchPixels() {
        return patch * patch;
    }

    public int positionRows() {
        return gridRows() - window + 1;
    }

    public int positionCols() {
        return gridCols() - window + 1;
    }

    public int positions() {
        return positionRows() * positionCols();
    }

    /** The patch indices (row-major over the patch grid) that glimpse {@code position} reveals. */
    public int[] patchesOf(int position) {
        int r0 = position / positionCols();
        int c0 = position % positionCols();
        int[] out = new int[window * window];
        int k = 0;
        for (int r = r0; r < r0 + window; r++) {
            for (int c = c0; c < c0 + window; c++) {
                out[k++] = r * gridCols() + c;
            }
        }
        return out;
    }

    /** The pixels (row-major) that glimpse {@code position} reveals. */
    public boolean[] pixelsOf(int position) {
        boolean[] px = new boolean[rows * cols];
        for (int p : patchesOf(position)) {
            for (int i : pixelsOfPatch(p)) {
                px[i] = true;
            }
        }
        return px;
    }

    /** The pixel indices of patch {@code p}. */
    public int[] pixelsOfPatch(int p) {
        int pr = p / gridCols();
        int pc = p % gridCols();
        int[] out = new int[patchPixels()];
        int k = 0;
        for (int r = 0; r < patch; r++) {
            for (int c = 0; c < patch; c++) {
                out[k++] = (pr * patch + r) * cols + pc * patch + c;
            }
        }
        return out;
    }

    /** Images (N × rows·cols, row-major) as patch vectors (N × patches × patch²). */
    public float[] toPatches(float[] images, int n) {
        float[] out = new float[n * patches() * patchPixels()];
        int img = rows * cols;
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < patches(); p++) {
                int[] px = pixelsOfPatch(p);
                for (int k = 0; k < px.length; k++) {
                    out[(i * patches() + p) * patchPixels() + k] = images[i * img + px[k]];
                }
            }
        }
        return out;
    }

    /** Fraction of the image's pixels in the seen patches. */
    public double pixelFraction(boolean[] seenPatches) {
        int seen = 0;
        for (boolean b : seenPatches) {
            if (b) {
                seen++;
            }
        }
        return (double) seen / patches();
    }
}
