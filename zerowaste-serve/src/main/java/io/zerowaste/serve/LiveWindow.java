package io.zerowaste.serve;

import java.util.Arrays;

/**
 * The last seconds of answered requests, for the live page: requests per second and latency percentiles over a
 * sliding window (a ring of the most recent answers; older ones fall out by age or by count).
 */
final class LiveWindow {

    private static final int CAPACITY = 1 << 14;

    private final long windowNanos;
    private final long[] at = new long[CAPACITY];
    private final float[] latencyMs = new float[CAPACITY];
    private long count;

    LiveWindow(int seconds) {
        this.windowNanos = seconds * 1_000_000_000L;
    }

    synchronized void record(int status, double seconds) {
        int i = (int) (count++ & (CAPACITY - 1));
        at[i] = System.nanoTime();
        latencyMs[i] = (float) (seconds * 1000);
    }

    /** Answers per second over the window (or over the span the ring covers when it is shorter). */
    synchronized double perSecond() {
        long now = System.nanoTime();
        int n = recent(now);
        if (n == 0) {
            return 0;
        }
        long oldest = at[(int) ((count - n) & (CAPACITY - 1))];
        double span = n < count && n == CAPACITY ? (now - oldest) / 1e9 : windowNanos / 1e9;
        return n / Math.max(span, 1e-3);
    }

    synchronized double percentileMs(double p) {
        int n = recent(System.nanoTime());
        if (n == 0) {
            return Double.NaN;
        }
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            v[k] = latencyMs[(int) ((count - 1 - k) & (CAPACITY - 1))];
        }
        Arrays.sort(v);
        return v[Math.max(0, Math.min(n - 1, (int) Math.ceil(p / 100 * n) - 1))];
    }

    /** How many of the latest answers fall inside the window. */
    private int recent(long now) {
        int n = 0;
        int max = (int) Math.min(count, CAPACITY);
        while (n < max && now - at[(int) ((count - 1 - n) & (CAPACITY - 1))] <= windowNanos) {
            n++;
        }
        return n;
    }
}
