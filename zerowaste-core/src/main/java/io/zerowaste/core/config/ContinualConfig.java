package io.zerowaste.core.config;

import io.zerowaste.core.ZeroWasteException;
import java.util.List;
import java.util.Set;

/**
 * A continual-learning run: one scenario, several strategies, the same backbone, epochs and seed for all.
 * Training per experience: SGD Nesterov 0.9, wd 5e-4, one-cycle peaking at {@code learningRate}, batch 128,
 * no augmentation (the small default network underfits rather than overfits in 4 epochs).
 *
 * @param cumulativeEpochs epochs per later experience for {@code cumulative}, which starts from the previous
 *     weights: one pass over everything seen so far is enough to catch up, at a fraction of scratch's cost
 * @param experts SEED's number of experts K
 */
public record ContinualConfig(
        String scenario,
        int experiences,
        List<String> strategies,
        String backbone,
        int epochs,
        int cumulativeEpochs,
        int batchSize,
        double learningRate,
        int memory,
        double ewcLambda,
        double lwfLambda,
        double lwfTemperature,
        int experts,
        double seedAlpha,
        double seedTemperature,
        long seed,
        int trainLimit) {

    public static final List<String> SCENARIOS = List.of("class-il", "task-il", "domain-il");
    public static final List<String> STRATEGIES = List.of("finetune", "scratch", "cumulative", "ewc", "lwf", "replay", "seed");
    public static final List<String> BACKBONES = List.of("mlp", "cnn", "resnet14");

    public ContinualConfig {
        strategies = List.copyOf(strategies);
        if (!SCENARIOS.contains(scenario)) {
            throw ZeroWasteException.badInput("unknown --scenario '" + scenario + "' (use one of " + String.join(", ", SCENARIOS) + ")");
        }
        if (!BACKBONES.contains(backbone)) {
            throw ZeroWasteException.badInput("unknown --backbone '" + backbone + "' (use one of " + String.join(", ", BACKBONES) + ")");
        }
        if (strategies.isEmpty() || Set.copyOf(strategies).size() != strategies.size()) {
            throw ZeroWasteException.badInput("--strategies needs one or more distinct names from " + String.join(", ", STRATEGIES));
        }
        for (String s : strategies) {
            if (!STRATEGIES.contains(s)) {
                throw ZeroWasteException.badInput("unknown strategy '" + s + "' (use any of " + String.join(", ", STRATEGIES) + ")");
            }
        }
        if (experiences < 2) {
            throw ZeroWasteException.badInput("--experiences must be at least 2 (got " + experiences + ")");
        }
        if (epochs < 1 || cumulativeEpochs < 1 || batchSize < 1) {
            throw ZeroWasteException.badInput("--epochs, --cumulative-epochs and --batch must be at least 1");
        }
        if (memory < 0 || trainLimit < 0) {
            throw ZeroWasteException.badInput("--memory and --train-limit must not be negative");
        }
        if (experts < 1 || experts > experiences) {
            throw ZeroWasteException.badInput("--experts must be between 1 and the number of experiences (got " + experts + ")");
        }
    }

    public static ContinualConfig defaults() {
        return new ContinualConfig("class-il", 5, STRATEGIES, "cnn", 4, 1, 128, 0.01, 500, 100, 1, 2, 3, 0.99, 3, 0, 0);
    }

    /** Strategies in the order they run: scratch first, since others are measured against it. */
    public List<String> runOrder() {
        return strategies.stream().sorted((a, b) -> Boolean.compare(!a.equals("scratch"), !b.equals("scratch"))).toList();
    }
}
