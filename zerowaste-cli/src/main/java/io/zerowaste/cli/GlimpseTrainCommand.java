package io.zerowaste.cli;

import io.zerowaste.core.config.GlimpseConfig;
import io.zerowaste.core.result.GlimpseMetrics;
import io.zerowaste.core.result.ResultEnvelope;
import io.zerowaste.glimpse.app.GlimpseTraining;
import io.zerowaste.glimpse.train.GlimpseCheckpoint;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code zerowaste glimpse train}: one partial-input transformer, every policy evaluated on it glimpse by glimpse. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train one partial-input transformer on random glimpse subsets (or with --train-policy in the loop), evaluate "
                + "every --policy on it on test after each glimpse and with the stop rule swept; writes RUN_DIR/model and RUN_DIR/results.json.")
final class GlimpseTrainCommand implements Callable<Integer> {

    private static final GlimpseConfig D = GlimpseConfig.defaults();

    @Mixin
    DataOptions data;

    @Option(names = "--policy", paramLabel = "P", description = "Policies to evaluate: entropy, random, checkerboard, raster or all (default: ${DEFAULT-VALUE}).")
    String policy = "all";

    @Option(names = "--train-policy", paramLabel = "P", description = "Train with this policy choosing the glimpses (default: random glimpse subsets).")
    String trainPolicy;

    @Option(names = "--glimpses", paramLabel = "T", description = "Glimpses per image (default: ${DEFAULT-VALUE}).")
    int glimpses = D.glimpses();

    @Option(names = "--steps", paramLabel = "S", description = "Optimizer steps; 0 = auto: " + GlimpseConfig.AUTO_EPOCHS
            + " passes over the training set, within " + GlimpseConfig.MIN_STEPS + ".." + GlimpseConfig.MAX_STEPS + " (default: ${DEFAULT-VALUE}).")
    int steps = D.steps();

    @Option(names = "--patience", paramLabel = "R", description = "Stop after R validation rounds without improvement (default: ${DEFAULT-VALUE}).")
    int patience = D.patience();

    @Option(names = "--width", paramLabel = "D", description = "Transformer width (default: ${DEFAULT-VALUE}).")
    int width = D.width();

    @Option(names = "--depth", paramLabel = "L", description = "Encoder layers (default: ${DEFAULT-VALUE}).")
    int depth = D.depth();

    @Option(names = "--decoder-depth", paramLabel = "L", description = "Decoder layers (default: ${DEFAULT-VALUE}).")
    int decoderDepth = D.decoderDepth();

    @Option(names = "--patch", paramLabel = "PX", description = "Patch side in pixels; it must divide the image's sides (default: ${DEFAULT-VALUE}).")
    int patch = D.patch();

    @Option(names = "--batch", paramLabel = "B", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch = D.batchSize();

    @Mixin
    SeedOption seed;

    @Option(names = "--lr", paramLabel = "LR", description = "Peak learning rate of Adam's one-cycle schedule (default: ${DEFAULT-VALUE}).")
    double lr = D.learningRate();

    @Option(names = "--train-limit", paramLabel = "N", description = "Train on the first N training images only (0 = all).")
    int trainLimit;

    @Option(names = "--init", paramLabel = "BUNDLE", description = "Fine-tune this glimpse bundle (RUN_DIR/model) instead of starting "
            + "from scratch: same data, same --seed and model options; e.g. with --train-policy entropy --steps 250 --lr 1e-4.")
    Path init;

    @Option(names = "--resume", description = "Continue an interrupted run from RUN_DIR/checkpoint (same options).")
    boolean resume;

    @Mixin
    RunDirOption out = new RunDirOption("runs/glimpse");

    @Mixin
    PrecisionOption precision;

    @Override
    public Integer call() {
        GlimpseConfig cfg = new GlimpseConfig(GlimpseConfig.expand(policy), glimpses, width, depth, decoderDepth, D.heads(), patch, steps, batch,
                lr, seed.value(), trainLimit, trainPolicy, patience, init == null ? null : init.toAbsolutePath().normalize().toString());
        Path dir = out.path();
        if (!resume && GlimpseCheckpoint.exists(dir)) {
            Console.info("note: " + dir + " holds a checkpoint of an earlier run; starting over (pass --resume to continue it)");
        }
        ResultEnvelope<GlimpseMetrics> r = GlimpseTraining.run(data.load(), cfg, dir, resume, List.of(new ProgressBarHook()), Console::info,
                precision.forModelWithBf16Form());
        Console.out(GlimpseTables.policies(r.metrics()));
        Console.out(GlimpseTables.compute(r.metrics()));
        Console.out("results: " + dir.resolve(ResultEnvelope.FILE_NAME));
        Console.out(Reports.writeNextTo(dir));
        return ZeroWasteCli.OK;
    }
}
