package io.zerowaste.cli;

import io.zerowaste.core.config.ContinualConfig;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The continual-learning settings shared by {@code continual run} and {@code continual tune}. */
final class ContinualOptions {

    private static final ContinualConfig D = ContinualConfig.defaults();

    @Option(names = "--scenario", paramLabel = "S", description = "class-il, task-il or domain-il (default: ${DEFAULT-VALUE}).")
    String scenario = D.scenario();

    @Option(names = "--experiences", paramLabel = "T", description = "Number of experiences (default: ${DEFAULT-VALUE}).")
    int experiences = D.experiences();

    @Option(names = "--strategies", split = ",", paramLabel = "S",
            description = "Any of finetune, scratch, cumulative, ewc, lwf, replay, seed (default: all).")
    List<String> strategies = D.strategies();

    @Option(names = "--backbone", paramLabel = "NET", description = "mlp, cnn or resnet14 (default: ${DEFAULT-VALUE}).")
    String backbone = D.backbone();

    @Option(names = "--epochs", paramLabel = "E", description = "Epochs per experience (default: ${DEFAULT-VALUE}).")
    int epochs = D.epochs();

    @Option(names = "--cumulative-epochs", paramLabel = "E",
            description = "Epochs per later experience for cumulative, which starts from the previous weights (default: ${DEFAULT-VALUE}).")
    int cumulativeEpochs = D.cumulativeEpochs();

    @Option(names = "--lr", paramLabel = "LR", description = "Peak learning rate of each experience's one-cycle schedule (default: ${DEFAULT-VALUE}).")
    double lr = D.learningRate();

    @Option(names = "--memory", paramLabel = "M", description = "Replay memory size in samples (default: ${DEFAULT-VALUE}).")
    int memory = D.memory();

    @Option(names = "--ewc-lambda", paramLabel = "L", description = "EWC penalty weight λ (default: ${DEFAULT-VALUE}).")
    double ewcLambda = D.ewcLambda();

    @Option(names = "--ewc-gamma", paramLabel = "G",
            description = "Online EWC's decay of the accumulated Fisher per experience, in (0, 1]; 1 sums them (default: ${DEFAULT-VALUE}).")
    double ewcGamma = D.ewcGamma();

    @Option(names = "--lwf-lambda", paramLabel = "L", description = "LwF distillation weight λ (default: ${DEFAULT-VALUE}).")
    double lwfLambda = D.lwfLambda();

    @Option(names = "--experts", paramLabel = "K",
            description = "SEED's number of experts (default: " + ContinualConfig.DEFAULT_EXPERTS + ", or the number of experiences when fewer).")
    Integer experts; // null: the default, lowered to the number of experiences when fewer

    @Mixin
    SeedOption seed;

    @Option(names = "--train-limit", paramLabel = "N", description = "Use only the first N training images (0 = all).")
    int trainLimit;

    ContinualConfig toConfig() {
        ContinualConfig.Builder b = D.toBuilder().optScenario(scenario).optExperiences(experiences).optStrategies(strategies).optBackbone(backbone)
                .optEpochs(epochs).optCumulativeEpochs(cumulativeEpochs).optLearningRate(lr).optMemory(memory)
                .optEwcLambda(ewcLambda).optEwcGamma(ewcGamma).optLwfLambda(lwfLambda).optSeed(seed.value())
                .optTrainLimit(trainLimit);
        if (experts != null) {
            b.optExperts(experts);
        }
        return b.build();
    }
}
