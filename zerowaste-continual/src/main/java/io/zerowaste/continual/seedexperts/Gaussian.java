package io.zerowaste.continual.seedexperts;

/**
 * A full-covariance Gaussian in feature space, kept as its mean, covariance and Cholesky factor. When the
 * sample covariance is singular (dead ReLU units, fewer samples than dimensions), eps·I is added to the
 * diagonal, eps growing tenfold from 1e-4 of the mean variance until the Cholesky factorisation succeeds.
 */
public final class Gaussian {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final double[] mean;
    private final double[][] cov;
    private final double[][] chol;
    private final double logDet;
    private double[][] whitening; // L⁻¹, computed once: scoring uses it for every batch

    private Gaussian(double[] mean, double[][] cov, double[][] chol) {
        this.mean = mean;
        this.cov = cov;
        this.chol = chol;
        double s = 0;
        for (int i = 0; i < mean.length; i++) {
            s += Math.log(chol[i][i]);
        }
        this.logDet = 2 * s;
    }

    /** Maximum-likelihood mean and unbiased covariance of the rows of {@code x}, regularised until invertible. */
    public static Gaussian fit(float[][] x) {
        int n = x.length;
        if (n < 2) {
            throw new IllegalArgumentException("a Gaussian needs at least 2 samples, got " + n);
        }
        int d = x[0].length;
        double[] mu = new double[d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                mu[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mu[j] /= n;
        }
        double[][] c = new double[d][d];
        double[] dx = new double[d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                dx[j] = row[j] - mu[j];
            }
            for (int i = 0; i < d; i++) {
                for (int j = 0; j <= i; j++) {
                    c[i][j] += dx[i] * dx[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                c[i][j] /= n - 1;
                c[j][i] = c[i][j];
            }
        }
        return of(mu, c);
    }

    /** The Gaussian with this mean and covariance (eps·I added if needed to make it invertible). */
    public static Gaussian of(double[] mean, double[][] cov) {
        int d = mean.length;
        double trace = 0;
        for (int i = 0; i < d; i++) {
            trace += cov[i][i];
        }
        double eps = 1e-4 * Math.max(trace / d, 1e-8);
        double[][] c = cov;
        double added = 0;
        for (int attempt = 0; attempt < 20; attempt++) {
            double[][] l = cholesky(c);
            if (l != null) {
                return new Gaussian(mean.clone(), c, l);
            }
            double[][] next = new double[d][];
            for (int i = 0; i < d; i++) {
                next[i] = cov[i].clone();
                next[i][i] += added + eps;
            }
            added += eps;
            eps *= 10;
            c = next;
        }
        throw new IllegalStateException("covariance could not be made positive definite");
    }

    /** The lower-triangular L with L·Lᵀ = a, or null when a is not (numerically) positive definite. */
    static double[][] cholesky(double[][] a) {
        int d = a.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 1e-12 * Math.max(1, Math.abs(a[i][i])))) {
                        return null;
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    public int dimension() {
        return mean.length;
    }

    public double[] mean() {
        return mean.clone();
    }

    /** The covariance actually used (with any eps added). */
    public double[][] covariance() {
        return cov;
    }

    public double logDeterminant() {
        return logDet;
    }

    /** W = L⁻¹, so that (x−μ)ᵀΣ⁻¹(x−μ) = ‖W(x−μ)‖². Callers must not modify it. */
    public synchronized double[][] whitening() {
        if (whitening == null) {
            whitening = invertLower();
        }
        return whitening;
    }

    private double[][] invertLower() {
        int d = mean.length;
        double[][] w = new double[d][d];
        for (int col = 0; col < d; col++) { // solve L·w_col = e_col by forward substitution
            for (int i = col; i < d; i++) {
                double s = i == col ? 1 : 0;
                for (int k = col; k < i; k++) {
                    s -= chol[i][k] * w[k][col];
                }
                w[i][col] = s / chol[i][i];
            }
        }
        return w;
    }

    /** log N(x; μ, Σ). */
    public double logLikelihood(double[] x) {
        double[] z = solveLower(diff(x, mean));
        return -0.5 * (dot(z, z) + logDet + mean.length * LOG_2PI);
    }

    /** KL(p ‖ q) = ½[tr(Σq⁻¹Σp) + (μq−μp)ᵀΣq⁻¹(μq−μp) − d + ln|Σq| − ln|Σp|]. */
    public static double kl(Gaussian p, Gaussian q) {
        int d = p.dimension();
        double[][] wq = q.whitening();
        double trace = 0; // ‖Wq·Lp‖²_F = tr(Σq⁻¹ Σp)
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += wq[i][k] * p.chol[k][j];
                }
                trace += s * s;
            }
        }
        double[] z = q.solveLower(diff(q.mean, p.mean));
        return 0.5 * (trace + dot(z, z) - d + q.logDet - p.logDet);
    }

    private double[] solveLower(double[] b) {
        int d = b.length;
        double[] z = new double[d];
        for (int i = 0; i < d; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= chol[i][k] * z[k];
            }
            z[i] = s / chol[i][i];
        }
        return z;
    }

    private static double[] diff(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] - b[i];
        }
        return r;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
