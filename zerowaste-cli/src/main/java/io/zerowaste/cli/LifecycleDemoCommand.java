package io.zerowaste.cli;

import io.zerowaste.core.config.LifecycleDemoConfig;
import io.zerowaste.core.config.UpdateConfig;
import io.zerowaste.core.result.LifecycleMetrics;
import io.zerowaste.core.result.ResultEnvelope;
import io.zerowaste.lifecycle.demo.LifecycleDemo;
import io.zerowaste.lifecycle.demo.ServingSide;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code zerowaste lifecycle demo}: train, serve, update four times under load, hot-swap each version. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Fashion-MNIST in experiences: a ZTW model on experience 0 is served from RUN_DIR/models; each later experience "
                + "becomes an update that the server hot-swaps under load. Prints accuracy, training MACs against retraining from scratch, "
                + "threshold, cost and the swap per version; writes RUN_DIR/results.json (kind lifecycle) and report.html.")
final class LifecycleDemoCommand implements Callable<Integer> {

    private static final LifecycleDemoConfig D = LifecycleDemoConfig.defaults();

    @Mixin
    DataOptions data;

    @Option(names = "--scenario", paramLabel = "S", description = "class-il (5 × 2 classes) or domain-il (default: ${DEFAULT-VALUE}).")
    String scenario = D.scenario();

    @Option(names = "--experiences", paramLabel = "T", description = "Experiences: the initial one and T−1 updates (default: ${DEFAULT-VALUE}).")
    int experiences = D.experiences();

    @Option(names = "--strategy", paramLabel = "S", description = "How each update trains: replay, cumulative or finetune (default: ${DEFAULT-VALUE}).")
    String strategy = D.update().strategy();

    @Option(names = "--backbone-epochs", paramLabel = "N", description = "The initial (and from-scratch) backbone epochs (default: ${DEFAULT-VALUE}).")
    int backboneEpochs = D.backboneEpochs();

    @Option(names = "--update-epochs", paramLabel = "N", description = "Backbone epochs of each update (default: ${DEFAULT-VALUE}).")
    int updateEpochs = D.update().epochs();

    @Option(names = "--update-head-epochs", paramLabel = "N", description = "Head epochs of each update (default: ${DEFAULT-VALUE}).")
    int updateHeadEpochs = D.update().headEpochs();

    @Option(names = "--train-limit", paramLabel = "N", description = "Use only the first N training images (0 = all).")
    int trainLimit;

    @Option(names = "--test-limit", paramLabel = "N", description = "Use only the first N test images (0 = all).")
    int testLimit;

    @Option(names = "--memory", paramLabel = "M", description = "Replay memory capacity, images (default: ${DEFAULT-VALUE}).")
    int memory = D.update().memory();

    @Option(names = "--concurrency", paramLabel = "C", description = "Requests in flight at most (default: ${DEFAULT-VALUE}).")
    int concurrency = D.concurrency();

    @Option(names = "--load-rate", paramLabel = "R", description = "Requests a second, open loop; 0 = closed loop as fast as the server "
            + "answers (default: ${DEFAULT-VALUE}: leaves the training most of the CPU).")
    double loadRate = D.loadRate();

    @Option(names = "--no-serve", description = "Only train and update: no server, no load.")
    boolean noServe;

    @Option(names = "--scratch", description = "Also retrain from scratch on everything seen after every update, for the accuracy comparison.")
    boolean scratch;

    @Option(names = "--quick", description = "A small run (3,000 training and 1,000 test images, one epoch each step) for tests.")
    boolean quick;

    @Mixin
    SeedOption seed;

    @Mixin
    RunDirOption out = new RunDirOption("runs/lifecycle");

    @Override
    public Integer call() {
        UpdateConfig u = UpdateConfig.defaults().withStrategy(strategy).withEpochs(updateEpochs, updateHeadEpochs,
                D.update().ensembleEpochs()).withMemory(memory).withSeed(seed.value());
        LifecycleDemoConfig cfg = new LifecycleDemoConfig(scenario, experiences, backboneEpochs, D.headEpochs(), D.ensembleEpochs(), u,
                concurrency, loadRate, trainLimit, testLimit, scratch, seed.value());
        if (quick) {
            cfg = cfg.quick();
        }
        Path dir = out.path();
        Console.out(LifecycleTables.header());
        ResultEnvelope<LifecycleMetrics> r;
        try (ServingSide serving = noServe ? ServingSide.none() : new ServedModelFolder(cfg.concurrency(), cfg.loadRate())) {
            r = LifecycleDemo.run(cfg, data.load(), dir, serving, List.of(new ProgressBarHook()), Console::info,
                    v -> Console.out(LifecycleTables.row(v)));
        }
        Console.out(LifecycleTables.serving(r.metrics().serving()));
        Console.out("versions: " + dir.resolve(LifecycleDemo.MODELS) + "\nresults: " + dir.resolve(ResultEnvelope.FILE_NAME));
        Console.out(Reports.writeNextTo(dir));
        return ZeroWasteCli.OK;
    }
}
