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
 * @param ewcGamma online EWC's decay of the accumulated Fisher per experience, in (0, 1]; 1 = plain sum
 * @param experts SEED's number of experts K
 * <p>λ_EWC, λ_LwF, the learning rate (for replay) and K were chosen on the experiences' validation sets with
 * {@code continual tune} (seed 0, class-il; README): λ_EWC 100 of 10/100/1000, λ_LwF 2 of 0.5/1/2/4/8, lr 0.01
 * of 0.005/0.01/0.02, K 5 of 3/5.
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
        double ewcGamma,
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
        if (!(ewcGamma > 0 && ewcGamma <= 1)) {
            throw ZeroWasteException.badInput("--ewc-gamma must be in (0, 1] (got " + ewcGamma + "; 1 sums every experience's Fisher)");
        }
        if (experts < 1 || experts > experiences) {
            throw ZeroWasteException.badInput("--experts must be between 1 and the number of experiences (got " + experts + ")");
        }
    }

    /** SEED's default number of experts, lowered to the number of experiences when fewer (see {@link Builder#build}). */
    public static final int DEFAULT_EXPERTS = 5;

    public static ContinualConfig defaults() {
        return new ContinualConfig("class-il", 5, STRATEGIES, "cnn", 4, 1, 128, 0.01, 500, 100, 1, 2, 2, DEFAULT_EXPERTS, 0.99, 3, 0, 0);
    }

    /** A builder starting from these settings: callers set only what differs (validated once, in {@link Builder#build}). */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder() {
        return defaults().toBuilder();
    }

    /** Mutable settings for a {@link ContinualConfig}; {@code optX} sets X, as DJL's builders do. */
    public static final class Builder {
        private String scenario;
        private int experiences;
        private List<String> strategies;
        private String backbone;
        private int epochs;
        private int cumulativeEpochs;
        private int batchSize;
        private double learningRate;
        private int memory;
        private double ewcLambda;
        private double ewcGamma;
        private double lwfLambda;
        private double lwfTemperature;
        private int experts;
        private boolean expertsSet; // else experts is the default, lowered to the number of experiences when fewer
        private double seedAlpha;
        private double seedTemperature;
        private long seed;
        private int trainLimit;

        private Builder(ContinualConfig c) {
            scenario = c.scenario;
            experiences = c.experiences;
            strategies = c.strategies;
            backbone = c.backbone;
            epochs = c.epochs;
            cumulativeEpochs = c.cumulativeEpochs;
            batchSize = c.batchSize;
            learningRate = c.learningRate;
            memory = c.memory;
            ewcLambda = c.ewcLambda;
            ewcGamma = c.ewcGamma;
            lwfLambda = c.lwfLambda;
            lwfTemperature = c.lwfTemperature;
            experts = c.experts;
            seedAlpha = c.seedAlpha;
            seedTemperature = c.seedTemperature;
            seed = c.seed;
            trainLimit = c.trainLimit;
        }

        public Builder optScenario(String v) { scenario = v; return this; }
        public Builder optExperiences(int v) { experiences = v; return this; }
        public Builder optStrategies(List<String> v) { strategies = v; return this; }
        public Builder optBackbone(String v) { backbone = v; return this; }
        public Builder optEpochs(int v) { epochs = v; return this; }
        public Builder optCumulativeEpochs(int v) { cumulativeEpochs = v; return this; }
        public Builder optBatchSize(int v) { batchSize = v; return this; }
        public Builder optLearningRate(double v) { learningRate = v; return this; }
        public Builder optMemory(int v) { memory = v; return this; }
        public Builder optEwcLambda(double v) { ewcLambda = v; return this; }
        public Builder optEwcGamma(double v) { ewcGamma = v; return this; }
        public Builder optLwfLambda(double v) { lwfLambda = v; return this; }
        public Builder optExperts(int v) { experts = v; expertsSet = true; return this; }
        public Builder optSeed(long v) { seed = v; return this; }
        public Builder optTrainLimit(int v) { trainLimit = v; return this; }

        public ContinualConfig build() {
            int k = expertsSet ? experts : Math.min(experts, experiences); // SEED needs an experience per expert
            return new ContinualConfig(scenario, experiences, strategies, backbone, epochs, cumulativeEpochs, batchSize, learningRate,
                    memory, ewcLambda, ewcGamma, lwfLambda, lwfTemperature, k, seedAlpha, seedTemperature, seed, trainLimit);
        }
    }

    /** Strategies in the order they run: scratch first, since others are measured against it. */
    public List<String> runOrder() {
        return strategies.stream().sorted((a, b) -> Boolean.compare(!a.equals("scratch"), !b.equals("scratch"))).toList();
    }
}
