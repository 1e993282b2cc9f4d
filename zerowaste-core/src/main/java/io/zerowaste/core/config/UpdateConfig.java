package io.zerowaste.core.config;

import io.zerowaste.core.ZeroWasteException;
import java.util.List;

/**
 * How {@code zerowaste update} turns a bundle plus new data into the next version. The backbone trains with the
 * continual module's recipe (SGD Nesterov 0.9, wd 5e-4, one-cycle peaking at {@code learningRate}, batch 128);
 * the heads and ensembles then retrain with the early-exit recipe ({@code headEpochs}, {@code ensembleEpochs}).
 *
 * @param epochs passes of the backbone over the new data (replay, finetune) or over everything seen (cumulative)
 * @param memory the replay memory's capacity M (images kept inside the bundle, class-balanced, by herding)
 * @param budget recalibrate for this cost (fraction of the backbone), or null
 * @param maxDrop recalibrate for at most this accuracy drop (fraction) below the backbone, or null; with neither,
 *     the parent's rule is kept (a bundle without lineage was calibrated for a 0.005 drop)
 */
public record UpdateConfig(String strategy, int epochs, int headEpochs, int ensembleEpochs, double learningRate, int batchSize,
        int memory, Double budget, Double maxDrop, long seed) {

    public static final List<String> STRATEGIES = List.of("replay", "cumulative", "finetune");
    /** A memory of more images than this would make the bundle a dataset (100,000 28×28 images: 78 MB). */
    public static final int MAX_MEMORY = 100_000;

    public UpdateConfig {
        if (!STRATEGIES.contains(strategy)) {
            throw ZeroWasteException.badInput("unknown --strategy '" + strategy + "' (use " + String.join(", ", STRATEGIES) + ")");
        }
        if (epochs < 1 || headEpochs < 1 || ensembleEpochs < 1 || batchSize < 1) {
            throw ZeroWasteException.badInput("--epochs, --head-epochs, --ensemble-epochs and --batch must be at least 1");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw ZeroWasteException.badInput("--lr must be a positive number (got " + learningRate + ")");
        }
        if (memory < 0 || memory > MAX_MEMORY) {
            throw ZeroWasteException.badInput("--memory must be between 0 and " + MAX_MEMORY + " images (got " + memory + ")");
        }
        if (budget != null && maxDrop != null) {
            throw ZeroWasteException.badInput("give --budget or --max-drop, not both");
        }
        if (budget != null && !(budget > 0)) {
            throw ZeroWasteException.badInput("--budget must be a positive fraction of the backbone's cost (got " + budget + ")");
        }
        if (maxDrop != null && !(maxDrop >= 0 && maxDrop < 1)) {
            throw ZeroWasteException.badInput("--max-drop must be in [0, 1) (got " + maxDrop + ")");
        }
    }

    /** Replay, 2 backbone epochs at lr 0.02, 2 head epochs, 10 ensemble epochs, a 2,000-image memory, the parent's rule. */
    public static UpdateConfig defaults() {
        return new UpdateConfig("replay", 2, 2, 10, 0.02, 128, 2000, null, null, 0);
    }

    public UpdateConfig withStrategy(String v) {
        return new UpdateConfig(v, epochs, headEpochs, ensembleEpochs, learningRate, batchSize, memory, budget, maxDrop, seed);
    }

    public UpdateConfig withEpochs(int backbone, int heads, int ensembles) {
        return new UpdateConfig(strategy, backbone, heads, ensembles, learningRate, batchSize, memory, budget, maxDrop, seed);
    }

    public UpdateConfig withMemory(int v) {
        return new UpdateConfig(strategy, epochs, headEpochs, ensembleEpochs, learningRate, batchSize, v, budget, maxDrop, seed);
    }

    public UpdateConfig withRule(Double b, Double d) {
        return new UpdateConfig(strategy, epochs, headEpochs, ensembleEpochs, learningRate, batchSize, memory, b, d, seed);
    }

    public UpdateConfig withSeed(long v) {
        return new UpdateConfig(strategy, epochs, headEpochs, ensembleEpochs, learningRate, batchSize, memory, budget, maxDrop, v);
    }

    public UpdateConfig withLearningRate(double v) {
        return new UpdateConfig(strategy, epochs, headEpochs, ensembleEpochs, v, batchSize, memory, budget, maxDrop, seed);
    }
}
