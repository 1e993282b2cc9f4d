package io.zerowaste.continual.app;

import ai.djl.ndarray.NDManager;
import io.zerowaste.continual.eval.AccuracyEvaluator;
import io.zerowaste.continual.eval.ComputeMeter;
import io.zerowaste.continual.model.ContinualNets;
import io.zerowaste.continual.scenario.Experience;
import io.zerowaste.continual.scenario.Scenario;
import io.zerowaste.continual.scenario.ScenarioBuilder;
import io.zerowaste.continual.strategy.LearningContext;
import io.zerowaste.continual.strategy.Strategies;
import io.zerowaste.continual.strategy.Strategy;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.config.ContinualConfig;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.core.data.Normalization;
import io.zerowaste.core.io.AtomicFiles;
import io.zerowaste.core.io.Json;
import io.zerowaste.core.provenance.Provenance;
import io.zerowaste.core.provenance.RunId;
import io.zerowaste.core.result.ResultEnvelope;
import io.zerowaste.nn.engine.Engines;
import io.zerowaste.nn.engine.Provenances;
import io.zerowaste.nn.train.TrainingHook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs every chosen strategy on the same scenario, network, epochs and seed (scratch first: the others are
 * measured against it), fills each accuracy matrix after every experience, checkpoints each strategy after
 * every experience ({@code RUN_DIR/checkpoints/<strategy>}) and rewrites {@code RUN_DIR/results.json}.
 * With {@code resume}, finished experiences are loaded instead of retrained.
 */
public final class ContinualRun {

    public static final String CHECKPOINTS = "checkpoints";
    private static final String CONFIG_FILE = "config.json";
    private static final String PROGRESS_FILE = "progress.json";

    /** The results, and the per-strategy progress they were computed from. */
    public record Outcome(ResultEnvelope result, Map<String, StrategyProgress> progress) {}

    private ContinualRun() {}

    public static Outcome run(Dataset data, ContinualConfig cfg, Path runDir, boolean resume, List<TrainingHook> hooks,
            Consumer<String> log) {
        Engines.pytorch();
        Map<String, Object> configMap = Json.MAPPER.convertValue(cfg, LinkedHashMap.class);
        Provenance provenance = Provenances.start(configMap, cfg.seed(), data);
        long start = System.nanoTime();
        Path ck = runDir.resolve(CHECKPOINTS);
        checkResumable(ck, configMap, resume);

        ImageSet train = cfg.trainLimit() > 0 ? data.train().head(cfg.trainLimit()) : data.train();
        Scenario scenario = ScenarioBuilder.build(cfg.scenario(), cfg.experiences(), train, data.test(), data.numClasses(), cfg.seed());
        Normalization norm = Normalization.fit(scenario.get(0).train());
        boolean taskIl = Scenario.TASK_IL.equals(scenario.kind());
        long macsPerSample = ContinualNets.build(cfg.backbone(), train.rows(), train.cols(), data.numClasses()).macs();
        Map<String, StrategyProgress> progress = new LinkedHashMap<>();
        ResultEnvelope result = null;
        try (NDManager manager = NDManager.newBaseManager()) {
            AccuracyEvaluator evaluator = new AccuracyEvaluator(scenario, manager, norm);
            double[] baseline = taskIl ? freshBaseline(scenario, cfg, manager, norm, evaluator) : null;
            for (String name : cfg.runOrder()) {
                Path dir = ck.resolve(name);
                StrategyProgress p = resume && Files.exists(dir.resolve(PROGRESS_FILE))
                        ? Json.read(dir.resolve(PROGRESS_FILE), StrategyProgress.class) : StrategyProgress.empty();
                if (p.done() == scenario.size()) {
                    log.accept(name + ": all " + p.done() + " experiences done (from the checkpoint)");
                } else {
                    p = runStrategy(name, p, scenario, cfg, manager, norm, evaluator, macsPerSample, hooks, dir, log,
                            progress, baseline, configMap, provenance, start, runDir);
                }
                progress.put(name, p);
                result = writeResults(runDir, configMap, provenance, start, progress, baseline, taskIl);
            }
        }
        return new Outcome(result, progress);
    }

    private static StrategyProgress runStrategy(String name, StrategyProgress progress, Scenario scenario, ContinualConfig cfg,
            NDManager manager, Normalization norm, AccuracyEvaluator evaluator, long macsPerSample, List<TrainingHook> hooks,
            Path dir, Consumer<String> log, Map<String, StrategyProgress> all, double[] baseline, Map<String, Object> configMap,
            Provenance provenance, long start, Path runDir) {
        boolean taskIl = Scenario.TASK_IL.equals(scenario.kind());
        StrategyProgress p = progress;
        try (Strategy strategy = Strategies.create(name, cfg)) {
            ComputeMeter meter = new ComputeMeter(macsPerSample);
            meter.restore(p.steps(), p.macs());
            LearningContext ctx = new LearningContext(scenario, cfg, manager, norm, meter, hooks);
            if (p.done() > 0) {
                log.accept(name + ": resuming after experience " + p.done() + " of " + scenario.size());
                strategy.restore(dir, p.done(), ctx);
            }
            for (int t = p.done(); t < scenario.size(); t++) {
                Experience exp = scenario.get(t);
                log.accept(name + ": experience " + (t + 1) + "/" + scenario.size() + " (classes " + Arrays.toString(exp.classes())
                        + ", " + exp.train().size() + " images)");
                int last = t;
                if (ctx.isLast(t)) {
                    ctx.setProbe(() -> average(evaluator.row(strategy, last, taskIl)));
                }
                long t0 = System.nanoTime();
                strategy.learn(exp, ctx);
                double seconds = (System.nanoTime() - t0) / 1e9;
                double[] row = evaluator.row(strategy, t, false);
                double[] taskRow = taskIl ? evaluator.row(strategy, t, true) : null;
                p = p.plus(row, taskRow, meter.steps(), meter.macs(), seconds, ctx.probePoints());
                ctx.probePoints().clear();
                StrategyProgress saved = p;
                AtomicFiles.writeFolder(dir, folder -> {
                    strategy.save(folder);
                    Files.writeString(folder.resolve(PROGRESS_FILE), Json.toString(saved));
                });
                all.put(name, p);
                writeResults(runDir, configMap, provenance, start, all, baseline, taskIl);
            }
        } catch (IOException e) {
            throw ZeroWasteException.failure("cannot write or read the checkpoint of " + name + " in " + dir + ": " + e.getMessage(), e);
        }
        return p;
    }

    private static double average(double[] a) {
        return Arrays.stream(a).average().orElse(Double.NaN);
    }

    /** b_u: a freshly initialised network's task-aware accuracy on each experience (for forward transfer). */
    private static double[] freshBaseline(Scenario scenario, ContinualConfig cfg, NDManager manager, Normalization norm,
            AccuracyEvaluator evaluator) {
        LearningContext ctx = new LearningContext(scenario, cfg, manager, norm, new ComputeMeter(0), List.of());
        try (Strategy s = new FixedNetStrategy(ctx.freshNet("net"))) {
            return evaluator.row(s, scenario.size() - 1, true);
        }
    }

    private static void checkResumable(Path ck, Map<String, Object> configMap, boolean resume) {
        Path cfgFile = ck.resolve(CONFIG_FILE);
        if (resume) {
            if (!Files.exists(cfgFile)) {
                throw ZeroWasteException.badInput("nothing to resume: " + ck + " has no checkpoint (run without --resume)");
            }
            Object saved = Json.read(cfgFile, LinkedHashMap.class);
            if (!sameJson(saved, configMap)) {
                throw ZeroWasteException.badInput("the checkpoint in " + ck + " was made with other options " + Json.toString(saved)
                        .replaceAll("\\s+", " ") + " (resume with the same options, or run into a new --out folder)");
            }
            return;
        }
        if (Files.exists(cfgFile)) {
            throw ZeroWasteException.badInput(ck.getParent() + " already holds a continual run: pass --resume to continue it, "
                    + "or choose a new --out folder");
        }
        Json.write(cfgFile, configMap);
    }

    /** Compares as JSON text would, so 7 read back from a file equals the long 7 in memory. */
    private static boolean sameJson(Object a, Object b) {
        try {
            return Json.MAPPER.readTree(Json.toString(a)).equals(Json.MAPPER.readTree(Json.toString(b)));
        } catch (IOException e) {
            return false;
        }
    }

    private static ResultEnvelope writeResults(Path runDir, Map<String, Object> configMap, Provenance provenance, long start,
            Map<String, StrategyProgress> progress, double[] baseline, boolean taskIl) {
        Map<String, Object> metrics = ContinualSummary.metrics(progress, baseline, taskIl);
        ResultEnvelope r = new ResultEnvelope("continual", RunId.of(configMap),
                provenance.withWallSeconds((System.nanoTime() - start) / 1e9), configMap, metrics);
        Json.write(runDir.resolve(ResultEnvelope.FILE_NAME), r);
        return r;
    }
}
