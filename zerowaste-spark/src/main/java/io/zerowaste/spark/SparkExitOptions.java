package io.zerowaste.spark;

import io.zerowaste.core.ZeroWasteException;
import java.io.Serializable;

/**
 * How {@link ZeroWasteSpark#predict} runs: the exit setting (at most one of {@code threshold}, {@code budget},
 * {@code maxDrop}; none for the bundle's calibrated one) and how a partition is batched.
 *
 * @param threshold a fixed threshold (patience for PBEE)
 * @param budget the best validation accuracy at a cost of at most this fraction of the backbone
 * @param maxDrop the cheapest setting within this many accuracy points of the backbone on validation
 * @param batch every stage runs on this many undecided samples at a time
 * @param poolBatches undecided samples are pooled across up to this many input batches of a partition; then the
 *     pool is flushed, which bounds a task's memory for any partition size
 * @param failFirstAttemptOfPartition test only: the first attempt of this partition's task fails half-way
 *     (-1: none), to show a retried task loses and duplicates nothing
 */
public record SparkExitOptions(Double threshold, Double budget, Double maxDrop, int batch, int poolBatches,
        int failFirstAttemptOfPartition) implements Serializable {

    public static final int DEFAULT_BATCH = 256;
    public static final int DEFAULT_POOL_BATCHES = 40;

    public SparkExitOptions {
        int set = (threshold != null ? 1 : 0) + (budget != null ? 1 : 0) + (maxDrop != null ? 1 : 0);
        if (set > 1) {
            throw ZeroWasteException.badInput("pass at most one of --threshold, --budget and --max-drop");
        }
        if (budget != null && !(budget > 0)) {
            throw ZeroWasteException.badInput("--budget must be a positive fraction of the backbone's cost, e.g. 0.5");
        }
        if (maxDrop != null && !(maxDrop >= 0)) {
            throw ZeroWasteException.badInput("--max-drop must not be negative (accuracy points, e.g. 0.5)");
        }
        if (batch < 1) {
            throw ZeroWasteException.badInput("--batch must be at least 1 (e.g. " + DEFAULT_BATCH + ")");
        }
        if (poolBatches < 1) {
            throw ZeroWasteException.badInput("poolBatches must be at least 1 (e.g. " + DEFAULT_POOL_BATCHES + ")");
        }
    }

    /** The bundle's calibrated setting, batches of 256. */
    public static SparkExitOptions defaults() {
        return new SparkExitOptions(null, null, null, DEFAULT_BATCH, DEFAULT_POOL_BATCHES, -1);
    }

    public SparkExitOptions withThreshold(Double v) {
        return new SparkExitOptions(v, budget, maxDrop, batch, poolBatches, failFirstAttemptOfPartition);
    }

    public SparkExitOptions withBudget(Double v) {
        return new SparkExitOptions(threshold, v, maxDrop, batch, poolBatches, failFirstAttemptOfPartition);
    }

    public SparkExitOptions withMaxDrop(Double v) {
        return new SparkExitOptions(threshold, budget, v, batch, poolBatches, failFirstAttemptOfPartition);
    }

    public SparkExitOptions withBatch(int v) {
        return new SparkExitOptions(threshold, budget, maxDrop, v, poolBatches, failFirstAttemptOfPartition);
    }

    public SparkExitOptions withPoolBatches(int v) {
        return new SparkExitOptions(threshold, budget, maxDrop, batch, v, failFirstAttemptOfPartition);
    }

    public SparkExitOptions withFailFirstAttemptOfPartition(int v) {
        return new SparkExitOptions(threshold, budget, maxDrop, batch, poolBatches, v);
    }
}
