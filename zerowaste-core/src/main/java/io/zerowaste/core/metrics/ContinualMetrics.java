package io.zerowaste.core.metrics;

/**
 * Continual-learning summaries of an accuracy matrix R, where R[t][u] is the test accuracy on experience u
 * after training through experience t (DESIGN §7). Pure functions; T = R.length experiences.
 */
public final class ContinualMetrics {

    private ContinualMetrics() {}

    /** A_t = (1/(t+1)) Σ_{u≤t} R[t][u]: mean accuracy over the experiences seen after experience t. */
    public static double averageAccuracyAfter(double[][] r, int t) {
        double s = 0;
        for (int u = 0; u <= t; u++) {
            s += r[t][u];
        }
        return s / (t + 1);
    }

    /** A_{T−1}: mean accuracy over all experiences after the last one. */
    public static double finalAverageAccuracy(double[][] r) {
        return averageAccuracyAfter(r, r.length - 1);
    }

    /** (1/T) Σ_t A_t. */
    public static double averageIncrementalAccuracy(double[][] r) {
        double s = 0;
        for (int t = 0; t < r.length; t++) {
            s += averageAccuracyAfter(r, t);
        }
        return s / r.length;
    }

    /** (1/(T−1)) Σ_{u<T−1} (max_{t<T−1} R[t][u] − R[T−1][u]); NaN with one experience. */
    public static double forgetting(double[][] r) {
        int last = r.length - 1;
        if (last < 1) {
            return Double.NaN;
        }
        double s = 0;
        for (int u = 0; u < last; u++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int t = u; t < last; t++) { // R[t][u] for t < u is before u was learnt: not a peak to forget
                best = Math.max(best, r[t][u]);
            }
            s += best - r[last][u];
        }
        return s / last;
    }

    /** Backward transfer (1/(T−1)) Σ_{u<T−1} (R[T−1][u] − R[u][u]); NaN with one experience. */
    public static double backwardTransfer(double[][] r) {
        int last = r.length - 1;
        if (last < 1) {
            return Double.NaN;
        }
        double s = 0;
        for (int u = 0; u < last; u++) {
            s += r[last][u] - r[u][u];
        }
        return s / last;
    }

    /**
     * Forward transfer (1/(T−1)) Σ_{u≥1} (R[u−1][u] − b_u), with b_u the accuracy of a freshly initialised
     * model on experience u; NaN with one experience.
     */
    public static double forwardTransfer(double[][] r, double[] baseline) {
        int n = r.length;
        if (n < 2) {
            return Double.NaN;
        }
        double s = 0;
        for (int u = 1; u < n; u++) {
            s += r[u - 1][u] - baseline[u];
        }
        return s / (n - 1);
    }
}
