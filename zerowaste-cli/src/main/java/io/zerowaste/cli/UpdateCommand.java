package io.zerowaste.cli;

import io.zerowaste.core.config.UpdateConfig;
import io.zerowaste.lifecycle.update.ModelUpdate;
import io.zerowaste.nn.bundle.Lineage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code zerowaste update}: a served early-exit bundle plus new labelled data in, the next version out. */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = "Update an early-exit bundle with new labelled data: warm-start, train the backbone with a continual strategy, "
                + "retrain heads and ensembles, recalibrate the threshold, write the next version atomically (docs/LIFECYCLE.md).")
final class UpdateCommand implements Callable<Integer> {

    private static final UpdateConfig D = UpdateConfig.defaults();

    @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "The bundle to update (an exits bundle or an earlier version).")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "New data: train-images/-labels IDX files, optional classes.txt naming new class ids.")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "NEW_BUNDLE", description = "Folder for the new version (must not exist yet).")
    Path out;

    @Option(names = "--strategy", paramLabel = "S", description = "replay, cumulative or finetune (default: ${DEFAULT-VALUE}).")
    String strategy = D.strategy();

    @Option(names = "--previous-data", paramLabel = "DIR", description = "Earlier data folders (repeatable); cumulative needs them.")
    List<Path> previous = new ArrayList<>();

    @Option(names = "--epochs", paramLabel = "N", description = "Backbone epochs (default: ${DEFAULT-VALUE}).")
    int epochs = D.epochs();

    @Option(names = "--head-epochs", paramLabel = "N", description = "Head epochs (default: ${DEFAULT-VALUE}).")
    int headEpochs = D.headEpochs();

    @Option(names = "--ensemble-epochs", paramLabel = "N", description = "ZTW ensemble epochs (default: ${DEFAULT-VALUE}).")
    int ensembleEpochs = D.ensembleEpochs();

    @Option(names = "--lr", paramLabel = "LR", description = "Peak learning rate of the backbone's one-cycle schedule (default: ${DEFAULT-VALUE}).")
    double lr = D.learningRate();

    @Option(names = "--memory", paramLabel = "M", description = "Replay memory capacity kept in the bundle, images (default: ${DEFAULT-VALUE}).")
    int memory = D.memory();

    @ArgGroup(exclusive = true)
    Rule rule;

    static final class Rule {
        @Option(names = "--budget", paramLabel = "B", description = "Recalibrate for this cost, a fraction of the backbone (e.g. 0.5).")
        Double budget;

        @Option(names = "--max-drop", paramLabel = "D", description = "Recalibrate for at most this accuracy drop (e.g. 0.005). "
                + "Default: the parent's rule.")
        Double maxDrop;
    }

    @Mixin
    SeedOption seed;

    @Mixin
    PrecisionOption precision;

    @Override
    public Integer call() {
        UpdateConfig cfg = new UpdateConfig(strategy, epochs, headEpochs, ensembleEpochs, lr, D.batchSize(), memory,
                rule == null ? null : rule.budget, rule == null ? null : rule.maxDrop, seed.value());
        ModelUpdate.Outcome o = ModelUpdate.run(cfg, model, data, previous, out, List.of(new ProgressBarHook()), Console::info,
                precision.requested());
        Lineage l = o.lineage();
        Console.out(new io.zerowaste.core.result.Table("version " + l.version(), o.manifest().kind())
                .row("parent", l.parent())
                .row("classes", l.classesKnown() + (l.newClasses().isEmpty() ? "" : " (new: " + String.join(", ", l.newClasses()) + ")"))
                .row("strategy", l.strategy())
                .row("threshold", String.format("%.4f (%s %s)", l.threshold(), l.rule().replace('_', ' '), l.ruleValue()))
                .row("validation accuracy", String.format("%.2f %% (backbone %.2f %%) at %.2f of the backbone's cost",
                        100 * o.validationAccuracy(), 100 * o.backboneValidationAccuracy(), o.validationCostFraction()))
                .row("training MACs", String.format("%,d (lineage %,d)", l.trainingMacs(), l.lineageTrainingMacs()))
                .row("replay memory", l.memorySamples() + " of " + l.memoryCapacity() + " images")
                .row("time", String.format("%.0f s", o.seconds())));
        Console.out("new version: " + out);
        return ZeroWasteCli.OK;
    }
}
