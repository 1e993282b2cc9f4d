package io.zerowaste.cli;

import io.zerowaste.core.config.ExitsConfig;
import io.zerowaste.core.config.TrainConfig;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.result.ResultEnvelope;
import io.zerowaste.exits.app.ExitsTraining;
import io.zerowaste.nn.engine.Precision;
import io.zerowaste.nn.model.ArchitectureSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code zerowaste exits train}: heads (and ZTW's ensembles) on a frozen backbone, calibrated and evaluated. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train or load a backbone, freeze it, train each method's heads, calibrate on validation, "
                + "evaluate on test; writes one bundle per method (RUN_DIR/sdn, …) and RUN_DIR/results.json.")
final class ExitsTrainCommand implements Callable<Integer> {

    private static final ExitsConfig D = ExitsConfig.defaults();

    @Mixin
    DataOptions data;

    @Option(names = "--methods", split = ",", paramLabel = "M", description = "Any of sdn, pbee, ztw (default: sdn,pbee,ztw).")
    List<String> methods = D.methods();

    @Option(names = "--backbone", paramLabel = "BUNDLE", description = "Reuse a trained backbone bundle instead of training one.")
    Path backbone;

    @Option(names = "--backbone-epochs", paramLabel = "N", description = "Epochs when training the backbone (default: ${DEFAULT-VALUE}).")
    int backboneEpochs = D.backboneEpochs();

    @Option(names = "--head-epochs", paramLabel = "N", description = "Epochs for the heads (default: ${DEFAULT-VALUE}).")
    int headEpochs = D.headEpochs();

    @Option(names = "--ensemble-epochs", paramLabel = "N", description = "Epochs for the ZTW ensembles (default: ${DEFAULT-VALUE}).")
    int ensembleEpochs = D.ensembleEpochs();

    @Mixin
    SeedOption seed;

    @Option(names = "--train-limit", paramLabel = "N", description = "Train on the first N training images only (0 = all).")
    int trainLimit;

    @Mixin
    RunDirOption out = new RunDirOption("runs/exits");

    @Mixin
    PrecisionOption precision;

    @Override
    public Integer call() {
        ExitsConfig cfg = D.withMethods(methods).withBackbone(backbone == null ? null : backbone.toString())
                .withBackboneEpochs(backboneEpochs).withHeadEpochs(headEpochs).withEnsembleEpochs(ensembleEpochs).withSeed(seed.value())
                .withTrainLimit(trainLimit);
        Path dir = out.path();
        Dataset d = data.load();
        Precision.Choice p = backbone != null ? precision.forBundle(backbone)
                : precision.forArchitecture(new ArchitectureSpec(TrainConfig.defaults().architecture(), d.train().channels(), d.train().rows(),
                        d.train().cols(), d.numClasses()));
        ExitsTraining.Outcome o = ExitsTraining.run(d, cfg, dir, List.of(new ProgressBarHook()), Console::info, p);
        Console.out(ExitsTables.budgetTable(o.result().metrics()) + "\n" + ExitsTables.savings(o.result().metrics()));
        Console.out("bundles: " + o.bundles().values() + "\nresults: " + dir.resolve(ResultEnvelope.FILE_NAME));
        Console.out(Reports.writeNextTo(dir));
        return ZeroWasteCli.OK;
    }
}
