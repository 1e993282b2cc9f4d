package io.zerowaste.exits.predict;

/**
 * Where a dynamic predictor's wall-clock time goes, summed over the batches it ran: each backbone stage
 * (with the samples it ran on) and the other {@link Phase}s. Laps are taken with {@code System.nanoTime};
 * libtorch's CPU ops are synchronous, so a lap is the ops' time.
 */
public final class ExitTimings {

    /** The exiting path's work besides the backbone stages. */
    public enum Phase {
        /** the internal classifiers: their native pass, the copy of their logits to Java, the cascade term */
        HEADS,
        /** ZTW's geometric ensembles (in Java) */
        ENSEMBLES,
        /** softmax and the policy's decision (in Java) */
        DECISIONS,
        /** gathering the rows that stay */
        COMPACTION,
        /** joining the undecided samples of several input batches into one (pooled only) */
        JOINS
    }

    private final long[] stageNanos;
    private final long[] stageSamples;
    private final long[] phaseNanos = new long[Phase.values().length];

    public ExitTimings(int stages) {
        stageNanos = new long[stages];
        stageSamples = new long[stages];
    }

    /** Adds the time since {@code mark} to stage {@code i}, run on {@code samples}; returns now, the next mark. */
    long stage(int i, int samples, long mark) {
        long now = System.nanoTime();
        stageNanos[i] += now - mark;
        stageSamples[i] += samples;
        return now;
    }

    /** Adds the time since {@code mark} to {@code phase}; returns now, the next mark. */
    long lap(Phase phase, long mark) {
        long now = System.nanoTime();
        phaseNanos[phase.ordinal()] += now - mark;
        return now;
    }

    public long[] stageNanos() {
        return stageNanos.clone();
    }

    public long[] stageSamples() {
        return stageSamples.clone();
    }

    public long nanos(Phase phase) {
        return phaseNanos[phase.ordinal()];
    }
}
