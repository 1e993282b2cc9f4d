package io.zerowaste.cli;

import io.zerowaste.core.config.TrainConfig;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.result.ResultEnvelope;
import io.zerowaste.core.result.Table;
import io.zerowaste.nn.app.BackboneTraining;
import io.zerowaste.nn.model.ArchitectureSpec;
import io.zerowaste.nn.train.Checkpoints;
import io.zerowaste.nn.train.TrainingHistory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code zerowaste train}: trains the ResNet-14 backbone and writes a bundle and results.json. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the ResNet-14 backbone; writes RUN_DIR/model (bundle), RUN_DIR/results.json and an epoch checkpoint.")
final class TrainCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Mixin
    TrainOptions recipe;

    @Mixin
    RunDirOption out = new RunDirOption("runs/train");

    @Option(names = "--resume", description = "Continue an interrupted run from RUN_DIR/checkpoint (same options).")
    boolean resume;

    @Mixin
    PrecisionOption precision;

    @Override
    public Integer call() {
        TrainConfig config = recipe.toConfig();
        Dataset dataset = data.load();
        Path dir = out.path();
        if (!resume && Checkpoints.exists(dir)) {
            Console.info("note: " + dir + " holds a checkpoint of an earlier run; starting over (pass --resume to continue it)");
        }
        ArchitectureSpec spec = new ArchitectureSpec(config.architecture(), dataset.train().channels(), dataset.train().rows(),
                dataset.train().cols(), dataset.numClasses());
        BackboneTraining.Outcome o = BackboneTraining.run(dataset, config, dir, resume, List.of(new ProgressBarHook()),
                precision.forArchitecture(spec));
        Console.out(summary(o));
        return ZeroWasteCli.OK;
    }

    static String summary(BackboneTraining.Outcome o) {
        TrainingHistory h = o.history();
        Table t = new Table("epoch", "train loss", "val acc %", "seconds");
        for (int e = 0; e < h.epochsDone(); e++) {
            t.row(e + 1, String.format("%.4f", h.trainLoss().get(e)), Table.pct(h.valAccuracy().get(e)),
                    String.format("%.1f", h.epochSeconds().get(e)));
        }
        Table s = new Table("test accuracy %", Table.pct(o.testAccuracy()))
                .row("training samples/s", String.format("%.0f", h.samplesPerSecond()))
                .row("training minutes", String.format("%.1f", h.trainSeconds() / 60))
                .row("MACs per sample", String.format("%,d", o.manifest().macs().get("total")))
                .row("parameters", String.format("%,d", o.manifest().params()))
                .row("bundle", o.bundleDir())
                .row("results", o.bundleDir().getParent().resolve(ResultEnvelope.FILE_NAME));
        return t + "\n" + s + "\n" + Reports.writeNextTo(o.bundleDir().getParent());
    }
}
