package io.zerowaste.cli;

import io.zerowaste.core.config.TrainConfig;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.nn.app.BackboneTraining;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code zerowaste demo}: the main job. Until the early-exit pillar lands it trains and evaluates the
 * ResNet-14 backbone with a short recipe that fits in about five minutes on two cores.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "The main job: train and evaluate the ResNet-14 backbone on Fashion-MNIST (4 epochs; --quick: 1 epoch on 6,000 images).")
final class DemoCommand implements Callable<Integer> {

    static final int EPOCHS = 4;
    static final int QUICK_TRAIN_LIMIT = 6000;

    @Mixin
    DataOptions data;

    @Option(names = "--quick", description = "One epoch on 6,000 training images (under a minute).")
    boolean quick;

    @Option(names = "--seed", description = "Root seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "RUN_DIR", description = "Run folder (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("runs/demo");

    @Override
    public Integer call() {
        TrainConfig config = TrainConfig.defaults().withSeed(seed).withEpochs(quick ? 1 : EPOCHS)
                .withTrainLimit(quick ? QUICK_TRAIN_LIMIT : 0);
        Dataset dataset = data.load();
        Console.info("demo: ResNet-14 backbone, " + config.epochs() + " epoch(s), seed " + seed + ", into " + out);
        BackboneTraining.Outcome o = BackboneTraining.run(dataset, config, out, false, List.of(new ProgressBarHook()));
        Console.out(TrainCommand.summary(o));
        return ZeroWasteCli.OK;
    }
}
