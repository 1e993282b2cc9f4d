package io.zerowaste.cli;

import io.zerowaste.core.config.TrainConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The training recipe's options; defaults come from {@link TrainConfig#defaults()}. */
final class TrainOptions {

    private static final TrainConfig D = TrainConfig.defaults();

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs = D.epochs();

    @Mixin
    SeedOption seed;

    @Option(names = "--batch", paramLabel = "B", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch = D.batchSize();

    @Option(names = "--optimizer", paramLabel = "sgd|adam",
            description = "sgd (Nesterov momentum 0.9) or adam (default: ${DEFAULT-VALUE}).")
    String optimizer = D.optimizer();

    @Option(names = "--lr", paramLabel = "LR", description = "Peak learning rate (default: ${DEFAULT-VALUE}; use 0.001 for adam).")
    double lr = D.learningRate();

    @Option(names = "--weight-decay", paramLabel = "WD", description = "L2 weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay = D.weightDecay();

    @Option(names = "--schedule", paramLabel = "onecycle|cosine", description = "Learning-rate schedule (default: ${DEFAULT-VALUE}).")
    String schedule = D.schedule();

    @Option(names = "--padding", paramLabel = "P",
            description = "Random-crop augmentation from P-pixel zero padding; 0 turns it off (default: ${DEFAULT-VALUE}).")
    int padding = D.padding();

    @Option(names = "--flip", negatable = true,
            description = "Random horizontal flips (default: on for Fashion-MNIST, off for other data such as digits).")
    Boolean flip;

    @Option(names = "--train-limit", paramLabel = "N", description = "Train on the first N training images only (0 = all).")
    int trainLimit = D.trainLimit();

    TrainConfig toConfig() {
        return new TrainConfig(D.architecture(), epochs, batch, optimizer, lr, D.momentum(), weightDecay, schedule, padding,
                flip, seed.value(), trainLimit);
    }
}
