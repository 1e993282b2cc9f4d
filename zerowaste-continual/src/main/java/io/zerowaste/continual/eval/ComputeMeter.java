package io.zerowaste.continual.eval;

import io.zerowaste.nn.train.TrainingHook;

/**
 * Counts the compute a strategy spends: optimizer steps, and MACs with the usual convention that a trained
 * sample costs three forward passes (forward + backward) and an inference-only sample one. As a training
 * hook it counts every step of the loop; strategies add what they run outside it (replay's memory batches,
 * LwF's old model, Fisher estimates, feature extraction).
 */
public final class ComputeMeter implements TrainingHook {

    private final long macsPerSample;
    private long steps;
    private long macs;

    public ComputeMeter(long macsPerSample) {
        this.macsPerSample = macsPerSample;
    }

    /** {@code n} samples went forward and backward. */
    public void trained(long n) {
        macs += 3 * macsPerSample * n;
    }

    /** {@code n} samples went forward only. */
    public void inferred(long n) {
        macs += macsPerSample * n;
    }

    @Override
    public void onStepEnd(StepEvent event) {
        steps++;
        trained(event.batchSize());
    }

    public long steps() {
        return steps;
    }

    public long macs() {
        return macs;
    }

    /** Continues counting from a checkpoint. */
    public void restore(long steps, long macs) {
        this.steps = steps;
        this.macs = macs;
    }
}
