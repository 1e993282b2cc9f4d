package io.zerowaste.core.testing;

/** Small array helpers the precision tests of several modules share (published in core's test-jar). */
public final class VectorMath {

    private VectorMath() {}

    /** {@code 0, 1, …, n − 1}. */
    public static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    /** The index of the largest of the {@code c} values of row {@code row} in the row-major {@code a}. */
    public static int argmax(float[] a, int row, int c) {
        int best = 0;
        for (int k = 1; k < c; k++) {
            best = a[row * c + k] > a[row * c + best] ? k : best;
        }
        return best;
    }

    /** The cosine of the angle between {@code a} and {@code b}, summed in double. */
    public static double cosine(float[] a, float[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * (double) b[i];
            aa += a[i] * (double) a[i];
            bb += b[i] * (double) b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }

    /**
     * A reduced-precision result against its fp32 reference: max |a − b| ≤ {@code maxShare} × max |b|, mean
     * |a − b| ≤ {@code meanShare} × mean |b|, and a ≠ b (it really was computed in reduced precision). Prints both shares.
     */
    public static void assertCloseButNotEqual(String what, float[] a, float[] b, double maxShare, double meanShare) {
        double maxAbs = 0;
        double meanAbs = 0;
        double maxDiff = 0;
        double meanDiff = 0;
        for (int i = 0; i < b.length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(b[i]));
            meanAbs += Math.abs(b[i]) / b.length;
            maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
            meanDiff += Math.abs(a[i] - b[i]) / b.length;
        }
        System.out.printf("%s: max |Δ| %.3f %% of max, mean |Δ| %.3f %% of mean%n", what, 100 * maxDiff / maxAbs, 100 * meanDiff / meanAbs);
        org.assertj.core.api.Assertions.assertThat(maxDiff).as(what + ": really computed in reduced precision").isGreaterThan(0);
        org.assertj.core.api.Assertions.assertThat(maxDiff).as(what + ": max |Δ|").isLessThanOrEqualTo(maxShare * maxAbs);
        org.assertj.core.api.Assertions.assertThat(meanDiff).as(what + ": mean |Δ|").isLessThanOrEqualTo(meanShare * meanAbs);
    }
}
