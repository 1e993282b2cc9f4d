package io.zerowaste.exits.predict;

/**
 * Where a dynamic predictor's wall-clock time goes, summed over the batches it ran: each backbone stage
 * (with the samples it ran on), the heads, the ZTW ensembles, the exit decisions (softmax, copy to Java,
 * policy) and the compaction (gathering the rows that stay). Laps are taken with {@code System.nanoTime};
 * libtorch's CPU ops are synchronous, so a lap is the op's time.
 */
public final class ExitTimings {

    private final long[] stageNanos;
    private final long[] stageSamples;
    private long headNanos;
    private long ensembleNanos;
    private long decisionNanos;
    private long compactionNanos;

    public ExitTimings(int stages) {
        stageNanos = new long[stages];
        stageSamples = new long[stages];
    }

    /** Each method adds the time since {@code mark} to its phase and returns now, the next lap's mark. */
    long stage(int i, int samples, long mark) {
        long now = System.nanoTime();
        stageNanos[i] += now - mark;
        stageSamples[i] += samples;
        return now;
    }

    long head(long mark) {
        long now = System.nanoTime();
        headNanos += now - mark;
        return now;
    }

    long ensemble(long mark) {
        long now = System.nanoTime();
        ensembleNanos += now - mark;
        return now;
    }

    long decision(long mark) {
        long now = System.nanoTime();
        decisionNanos += now - mark;
        return now;
    }

    long compaction(long mark) {
        long now = System.nanoTime();
        compactionNanos += now - mark;
        return now;
    }

    public long[] stageNanos() {
        return stageNanos.clone();
    }

    public long[] stageSamples() {
        return stageSamples.clone();
    }

    public long headNanos() {
        return headNanos;
    }

    public long ensembleNanos() {
        return ensembleNanos;
    }

    public long decisionNanos() {
        return decisionNanos;
    }

    public long compactionNanos() {
        return compactionNanos;
    }
}
