package io.zerowaste.core.config;

import io.zerowaste.core.ZeroWasteException;

/**
 * How to train a backbone. Defaults live in {@link #defaults()}: SGD with Nesterov momentum 0.9, weight
 * decay 5e-4, a one-cycle schedule peaking at 0.1, batch 128, 10 epochs, crop + flip augmentation.
 *
 * @param flip horizontal flips; null means "auto": on unless the classes are digits
 * @param trainLimit use only the first N training images (0 = all), for quick runs
 */
public record TrainConfig(
        String architecture,
        int epochs,
        int batchSize,
        String optimizer,
        double learningRate,
        double momentum,
        double weightDecay,
        String schedule,
        int padding,
        Boolean flip,
        long seed,
        int trainLimit) {

    public static final String SGD = "sgd";
    public static final String ADAM = "adam";
    public static final String ONE_CYCLE = "onecycle";
    public static final String COSINE = "cosine";

    public TrainConfig {
        if (epochs < 1) {
            throw ZeroWasteException.badInput("--epochs must be at least 1 (got " + epochs + ")");
        }
        if (batchSize < 1) {
            throw ZeroWasteException.badInput("--batch must be at least 1 (got " + batchSize + ")");
        }
        if (!optimizer.equals(SGD) && !optimizer.equals(ADAM)) {
            throw ZeroWasteException.badInput("unknown --optimizer '" + optimizer + "' (use sgd or adam)");
        }
        if (!schedule.equals(ONE_CYCLE) && !schedule.equals(COSINE)) {
            throw ZeroWasteException.badInput("unknown --schedule '" + schedule + "' (use onecycle or cosine)");
        }
        if (!(learningRate > 0)) {
            throw ZeroWasteException.badInput("--lr must be positive (got " + learningRate + ")");
        }
        if (padding < 0 || trainLimit < 0) {
            throw ZeroWasteException.badInput("--padding and --train-limit must not be negative");
        }
    }

    public static TrainConfig defaults() {
        return new TrainConfig("resnet14", 10, 128, SGD, 0.1, 0.9, 5e-4, ONE_CYCLE, 2, null, 0, 0);
    }

    public TrainConfig withEpochs(int e) {
        return new TrainConfig(architecture, e, batchSize, optimizer, learningRate, momentum, weightDecay, schedule,
                padding, flip, seed, trainLimit);
    }

    public TrainConfig withSeed(long s) {
        return new TrainConfig(architecture, epochs, batchSize, optimizer, learningRate, momentum, weightDecay,
                schedule, padding, flip, s, trainLimit);
    }

    public TrainConfig withTrainLimit(int n) {
        return new TrainConfig(architecture, epochs, batchSize, optimizer, learningRate, momentum, weightDecay,
                schedule, padding, flip, seed, n);
    }
}
