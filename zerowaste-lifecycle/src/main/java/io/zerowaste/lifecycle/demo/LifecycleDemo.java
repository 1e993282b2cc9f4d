package io.zerowaste.lifecycle.demo;

import io.zerowaste.core.config.ExitsConfig;
import io.zerowaste.core.config.LifecycleDemoConfig;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.core.data.Split;
import io.zerowaste.core.result.LifecycleMetrics;
import io.zerowaste.core.result.LifecycleServing;
import io.zerowaste.core.result.LifecycleVersion;
import io.zerowaste.core.result.ResultEnvelope;
import io.zerowaste.core.result.ResultKind;
import io.zerowaste.exits.app.ExitsTraining;
import io.zerowaste.exits.model.EarlyExitModel;
import io.zerowaste.lifecycle.update.Adoption;
import io.zerowaste.lifecycle.update.ModelUpdate;
import io.zerowaste.lifecycle.update.TrainingCost;
import io.zerowaste.lifecycle.update.Versions;
import io.zerowaste.nn.app.RunRecorder;
import io.zerowaste.nn.bundle.BundleManifest;
import io.zerowaste.nn.bundle.Lineage;
import io.zerowaste.nn.bundle.ModelBundle;
import io.zerowaste.nn.engine.Engines;
import io.zerowaste.nn.model.ArchitectureSpec;
import io.zerowaste.nn.train.TrainingHook;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code zerowaste lifecycle demo}: the whole loop on one scenario. Version 1 is a ZTW model trained on experience 0,
 * served from {@code RUN_DIR/models}; each later experience becomes an update written into that folder, which the
 * server swaps to under load. After each version: accuracy on everything seen so far, the version's training MACs
 * against retraining from scratch on everything seen, the threshold and cost, and what the clients saw during the
 * swap. {@code RUN_DIR/results.json} (kind lifecycle) is rewritten after every version.
 */
public final class LifecycleDemo {

    public static final String MODELS = "models";
    public static final String DATA = "data";

    private final LifecycleDemoConfig cfg;
    private final Path runDir;
    private final ServingSide serving;
    private final List<TrainingHook> hooks;
    private final Consumer<String> log;
    private final RunRecorder recorder;
    private final DemoScenario scenario;
    private final List<LifecycleVersion> versions = new ArrayList<>();

    private LifecycleDemo(LifecycleDemoConfig cfg, Dataset data, Path runDir, ServingSide serving, List<TrainingHook> hooks,
            Consumer<String> log) {
        this.cfg = cfg;
        this.runDir = runDir;
        this.serving = serving;
        this.hooks = hooks;
        this.log = log;
        this.recorder = RunRecorder.start(cfg, cfg.seed(), data, runDir);
        this.scenario = new DemoScenario(data, cfg.scenario(), cfg.experiences(), cfg.seed(), cfg.trainLimit(), cfg.testLimit());
    }

    /** Consumes each version as it is finished (the CLI prints a table row). */
    public interface Listener {
        void onVersion(LifecycleVersion v);
    }

    public static ResultEnvelope<LifecycleMetrics> run(LifecycleDemoConfig cfg, Dataset data, Path runDir, ServingSide serving,
            List<TrainingHook> hooks, Consumer<String> log, Listener listener) {
        Engines.pytorch();
        return new LifecycleDemo(cfg, data, runDir, serving, hooks, log).execute(listener);
    }

    private ResultEnvelope<LifecycleMetrics> execute(Listener listener) {
        Path models = runDir.resolve(MODELS);
        Path v1 = models.resolve("v1");
        long t0 = System.nanoTime();
        log.accept("version 1: a ZTW model on experience 0 (" + scenario.get(0).train().size() + " images, classes "
                + scenario.get(0).classNames() + ")");
        long macs = initialModel(v1);
        LifecycleVersion first = version(1, v1, 0, macs, (System.nanoTime() - t0) / 1e9);
        record(first, listener);
        serving.start(models, scenario.get(0).test());
        List<Path> earlier = new ArrayList<>(List.of(scenario.writeFolder(0, runDir.resolve(DATA).resolve("exp-0"))));
        for (int t = 1; t < scenario.size(); t++) {
            Path dataDir = scenario.writeFolder(t, runDir.resolve(DATA).resolve("exp-" + t));
            Path out = models.resolve("v" + (t + 1));
            long u0 = System.nanoTime();
            ModelUpdate.Outcome o = ModelUpdate.run(cfg.update(), models.resolve("v" + t), dataDir,
                    "cumulative".equals(cfg.update().strategy()) ? earlier : List.of(), out, hooks, log);
            LifecycleVersion v = version(t + 1, out, t, o.lineage().trainingMacs(), (System.nanoTime() - u0) / 1e9);
            ServingSide.Swap swap = serving.awaitSwap(Integer.toString(t + 1), Duration.ofMinutes(5));
            if (swap != null) {
                if (!swap.ok()) {
                    log.accept("version " + (t + 1) + " was not swapped in: " + swap.error());
                }
                v = v.withSwap(swap.seconds(), swap.status(), swap.p99Ms());
            }
            record(v, listener);
            earlier.add(dataDir);
        }
        LifecycleServing load = serving.finish();
        return write(load);
    }

    /** Trains version 1 with the early-exit pipeline (ZTW only), then adopts it into a lineage with a replay memory. */
    private long initialModel(Path v1) {
        DemoScenario.Step s = scenario.get(0);
        Dataset d0 = new Dataset("experience-0", "experience-0", s.train(), s.test(), s.classNames());
        ExitsConfig ecfg = ExitsConfig.defaults().withMethods(List.of("ztw")).withBackboneEpochs(cfg.backboneEpochs())
                .withHeadEpochs(cfg.headEpochs()).withEnsembleEpochs(cfg.ensembleEpochs()).withSeed(cfg.seed());
        ExitsTraining.run(d0, ecfg, runDir.resolve("initial"), hooks, log);
        long macs = scratchMacs(0);
        Adoption.adopt(runDir.resolve("initial").resolve("ztw"), s.train(), cfg.update().memory(), macs, Lineage.MAX_DROP,
                ExitsTraining.DEFAULT_MAX_DROP, v1);
        return ModelBundle.readManifest(v1).lineage().trainingMacs();
    }

    /**
     * What retraining backbone, heads and ensembles from scratch on experiences 0..t costs with the initial recipe
     * (the continual module's scratch: re-initialise, train on everything seen), counted as updates are.
     */
    private long scratchMacs(int t) {
        int classes = scenario.get(t).classNames().size();
        ArchitectureSpec spec = new ArchitectureSpec(ArchitectureSpec.RESNET14, 1, scenario.get(0).train().rows(),
                scenario.get(0).train().cols(), classes);
        EarlyExitModel m = new EarlyExitModel(spec.build(), true, true);
        TrainingCost cost = new TrainingCost(m.backbone().macs().total(), Arrays.stream(m.headMacs()).sum());
        long n = scenario.trainThrough(t).size();
        long val = n / Split.VALIDATION_DENOMINATOR;
        return cost.scratch(n - val, cfg.backboneEpochs(), cfg.headEpochs(), true, val);
    }

    private LifecycleVersion version(int number, Path bundle, int t, long macs, double seconds) {
        BundleManifest m = ModelBundle.readManifest(bundle);
        VersionEvaluation e = VersionEvaluation.of(bundle, scenario.testThrough(t));
        Lineage l = m.lineage();
        LifecycleVersion v = new LifecycleVersion(number, Versions.id(m), l.parent(), m.classNames().size(), l.newClasses(),
                scenario.get(t).train().size(), e.accuracy(), e.backboneAccuracy(), e.threshold(), e.costFraction(), macs, scratchMacs(t),
                l.lineageTrainingMacs(), seconds, null, null, null, null, null);
        if (cfg.scratch() && t > 0) {
            v = withScratch(v, t);
        }
        return v;
    }

    /** Retrains a ZTW model from scratch on everything seen (the comparison the closing note asks for). */
    private LifecycleVersion withScratch(LifecycleVersion v, int t) {
        log.accept("version " + v.version() + ": retraining from scratch on everything seen, for comparison");
        ImageSet all = scenario.trainThrough(t);
        Dataset d = new Dataset("experiences-0-" + t, "experiences-0-" + t, all, scenario.testThrough(t), scenario.get(t).classNames());
        ExitsConfig ecfg = ExitsConfig.defaults().withMethods(List.of("ztw")).withBackboneEpochs(cfg.backboneEpochs())
                .withHeadEpochs(cfg.headEpochs()).withEnsembleEpochs(cfg.ensembleEpochs()).withSeed(cfg.seed());
        Path dir = runDir.resolve("scratch").resolve("v" + v.version());
        ExitsTraining.run(d, ecfg, dir, hooks, log);
        VersionEvaluation e = VersionEvaluation.of(dir.resolve("ztw"), scenario.testThrough(t));
        return v.withScratch(e.accuracy(), scratchMacs(t));
    }

    private void record(LifecycleVersion v, Listener listener) {
        versions.add(v);
        listener.onVersion(v);
        write(null);
    }

    private ResultEnvelope<LifecycleMetrics> write(LifecycleServing load) {
        return recorder.writeResults(ResultKind.LIFECYCLE, new LifecycleMetrics(cfg.scenario(), cfg.update().strategy(), versions, load));
    }
}
