package io.zerowaste.exits.predict;

import ai.djl.ndarray.NDArray;
import io.zerowaste.exits.predict.ExitTimings.Phase;

/**
 * Runs many input batches through the stages, pooling the samples still undecided after a stage across
 * input batches so that every stage runs on full batches: compaction leaves later stages with ever smaller
 * batches, on which a CPU spends more per sample.
 */
final class PooledScheduler {

    private final StageStep step;
    private final int stages;
    private final int batch;

    /** Every stage of {@code stages} runs on {@code batch} undecided samples at a time (fewer only at the end). */
    PooledScheduler(StageStep step, int stages, int batch) {
        this.step = step;
        this.stages = stages;
        this.batch = batch;
    }

    /** Answers every sample of {@code inputs} into {@code run}; the inputs are closed after use when {@code closeInputs}. */
    void run(PredictionRun run, Iterable<NDArray> inputs, boolean closeInputs) {
        try (SamplePool pool = new SamplePool(stages)) {
            int first = 0;
            for (NDArray x : inputs) {
                SampleGroup g = SampleGroup.input(x, first);
                first += g.size();
                try {
                    pool.add(1, step.advance(run, 0, g));
                } finally {
                    if (closeInputs) {
                        x.close();
                    }
                }
                runFullBatches(run, pool, false);
            }
            runFullBatches(run, pool, true);
        }
    }

    /** Runs every stage that has a full batch waiting (any samples, when {@code flush}), earliest stage first. */
    private void runFullBatches(PredictionRun run, SamplePool pool, boolean flush) {
        for (int i = 1; i < pool.stages(); i++) {
            while (pool.waiting(i) >= batch || flush && !pool.isEmpty(i)) {
                long mark = System.nanoTime();
                SampleGroup g = pool.take(i, batch);
                run.timings.lap(Phase.JOINS, mark);
                try {
                    pool.add(i + 1, step.advance(run, i, g));
                } finally {
                    g.close();
                }
            }
        }
    }
}
