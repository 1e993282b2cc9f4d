package io.zerowaste.cli;

import io.zerowaste.core.config.GlimpseConfig;
import io.zerowaste.core.result.GlimpseMetrics;
import io.zerowaste.core.result.ResultEnvelope;
import io.zerowaste.glimpse.app.GlimpseTraining;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code zerowaste glimpse train}: one partial-input transformer per policy, evaluated glimpse by glimpse. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a partial-input transformer per policy (the policy inside the training loop), evaluate on test after "
                + "each glimpse and with the stop rule swept; writes RUN_DIR/<policy> bundles and RUN_DIR/results.json.")
final class GlimpseTrainCommand implements Callable<Integer> {

    private static final GlimpseConfig D = GlimpseConfig.defaults();

    @Mixin
    DataOptions data;

    @Option(names = "--policy", paramLabel = "P", description = "entropy, random, checkerboard, raster, full or all (default: ${DEFAULT-VALUE}).")
    String policy = "entropy";

    @Option(names = "--glimpses", paramLabel = "T", description = "Glimpses per image (default: ${DEFAULT-VALUE}).")
    int glimpses = D.glimpses();

    @Option(names = "--epochs", paramLabel = "E", description = "Epochs per model (default: ${DEFAULT-VALUE}).")
    int epochs = D.epochs();

    @Option(names = "--width", paramLabel = "D", description = "Transformer width (default: ${DEFAULT-VALUE}).")
    int width = D.width();

    @Option(names = "--depth", paramLabel = "L", description = "Transformer layers (default: ${DEFAULT-VALUE}).")
    int depth = D.depth();

    @Mixin
    SeedOption seed;

    @Option(names = "--lr", paramLabel = "LR", description = "Peak learning rate of Adam's one-cycle schedule (default: ${DEFAULT-VALUE}).")
    double lr = D.learningRate();

    @Option(names = "--train-limit", paramLabel = "N", description = "Train on the first N training images only (0 = all).")
    int trainLimit;

    @Mixin
    RunDirOption out = new RunDirOption("runs/glimpse");

    @Override
    public Integer call() {
        GlimpseConfig cfg = new GlimpseConfig(GlimpseConfig.expand(policy), glimpses, width, depth, D.heads(), epochs, D.batchSize(),
                lr, seed.value(), trainLimit);
        Path dir = out.path();
        ResultEnvelope<GlimpseMetrics> r = GlimpseTraining.run(data.load(), cfg, dir, List.of(new ProgressBarHook()), Console::info);
        Console.out(GlimpseTables.policies(r.metrics()));
        Console.out("results: " + dir.resolve(ResultEnvelope.FILE_NAME));
        Console.out(Reports.writeNextTo(dir));
        return ZeroWasteCli.OK;
    }
}
