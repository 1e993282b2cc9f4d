package io.zerowaste.cli;

import io.zerowaste.core.config.ExitsConfig;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.exits.app.ExitsTraining;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code zerowaste demo}: the main job. Trains a ResNet-14 backbone, then early exits with ZTW (and SDN,
 * PBEE for comparison) on the frozen backbone, and prints the budget table and where the compute is saved.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "The main job: backbone + early exits (ZTW, with SDN and PBEE for comparison) on Fashion-MNIST; "
                + "prints the budget table (about 7 minutes on 2 cores; --quick: about 1).")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Option(names = "--quick", description = "A small version: 1 backbone epoch on 6,000 images, 1 head epoch.")
    boolean quick;

    @Mixin
    SeedOption seed;

    @Mixin
    RunDirOption out = new RunDirOption("runs/demo");

    static ExitsConfig config(boolean quick, long seed) {
        return ExitsConfig.defaults().withBackboneEpochs(quick ? 1 : 4).withHeadEpochs(quick ? 1 : 3).withSeed(seed)
                .withTrainLimit(quick ? 6000 : 0);
    }

    @Override
    public Integer call() {
        ExitsConfig cfg = config(quick, seed.value());
        Path dir = out.path();
        Dataset dataset = data.load();
        Console.info("demo: ResNet-14 backbone (" + cfg.backboneEpochs() + " epochs), then SDN, PBEE and ZTW heads ("
                + cfg.headEpochs() + " epochs) on the frozen backbone; seed " + seed.value() + "; into " + dir);
        ExitsTraining.Outcome o = ExitsTraining.run(dataset, cfg, dir, List.of(new ProgressBarHook()), Console::info);
        Console.out(ExitsTables.budgetTable(o.result().metrics()) + "\n" + ExitsTables.savings(o.result().metrics()));
        Console.out("bundles: " + o.bundles().values() + "\nresults: " + dir.resolve("results.json"));
        Console.out(Reports.writeNextTo(dir));
        return ZeroWasteCli.OK;
    }
}
