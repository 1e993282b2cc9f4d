package io.zerowaste.exits.predict;

/** Softmax and log-softmax of one row of logits, in Java: for a batch of a few hundred rows of a few classes, cheaper than a native call. */
final class RowSoftmax {

    private RowSoftmax() {}

    /** {@code out[0..n) = softmax(logits[at..at+n))}, n = {@code out.length}. */
    static void softmax(float[] logits, int at, float[] out) {
        int n = out.length;
        float max = max(logits, at, n);
        double sum = 0;
        for (int k = 0; k < n; k++) {
            double e = Math.exp(logits[at + k] - max);
            out[k] = (float) e;
            sum += e;
        }
        for (int k = 0; k < n; k++) {
            out[k] = (float) (out[k] / sum);
        }
    }

    /** {@code out[outAt..outAt+n) = log_softmax(logits[at..at+n))}. */
    static void logSoftmax(float[] logits, int at, int n, float[] out, int outAt) {
        float max = max(logits, at, n);
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += Math.exp(logits[at + k] - max);
        }
        double log = max + Math.log(sum);
        for (int k = 0; k < n; k++) {
            out[outAt + k] = (float) (logits[at + k] - log);
        }
    }

    private static float max(float[] a, int at, int n) {
        float m = a[at];
        for (int k = 1; k < n; k++) {
            m = Math.max(m, a[at + k]);
        }
        return m;
    }
}
