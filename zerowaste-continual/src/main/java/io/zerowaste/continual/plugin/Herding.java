package io.zerowaste.continual.plugin;

/**
 * Herding selection (iCaRL): pick samples one at a time so that the mean of the picked ones stays as close as
 * possible to the class mean in (L2-normalised) feature space. The order is a ranking: its first m entries
 * are the best m-sample memory for any m, so a memory can shrink by truncation.
 */
public final class Herding {

    private Herding() {}

    /** Indices into {@code features} (one row per sample), best first, {@code m} of them (at most all). */
    public static int[] select(float[][] features, int m) {
        int n = features.length;
        m = Math.min(m, n);
        if (n == 0 || m == 0) {
            return new int[0];
        }
        int d = features[0].length;
        double[][] f = new double[n][d];
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (float v : features[i]) {
                norm += v * v;
            }
            norm = Math.sqrt(norm) + 1e-12;
            for (int j = 0; j < d; j++) {
                f[i][j] = features[i][j] / norm;
                mean[j] += f[i][j] / n;
            }
        }
        int[] picked = new int[m];
        boolean[] used = new boolean[n];
        double[] sum = new double[d];
        for (int k = 0; k < m; k++) {
            int best = -1;
            double bestDist = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (used[i]) {
                    continue;
                }
                double dist = 0;
                for (int j = 0; j < d; j++) {
                    double diff = mean[j] - (sum[j] + f[i][j]) / (k + 1);
                    dist += diff * diff;
                }
                if (dist < bestDist) {
                    bestDist = dist;
                    best = i;
                }
            }
            used[best] = true;
            picked[k] = best;
            for (int j = 0; j < d; j++) {
                sum[j] += f[best][j];
            }
        }
        return picked;
    }
}
