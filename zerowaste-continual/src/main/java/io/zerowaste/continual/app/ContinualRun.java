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
import io.zerowaste.core.result.ContinualRunMetrics;
import io.zerowaste.core.result.ResultEnvelope;
import io.zerowaste.core.result.ResultKind;
import io.zerowaste.nn.app.RunRecorder;
import io.zerowaste.nn.engine.Engines;
import io.zerowaste.nn.engine.Precision;
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
    public record Outcome(ResultEnvelope<ContinualRunMetrics> result, Map<String, StrategyProgress> progress) {}

    private final ContinualConfig cfg;
    private final Path runDir;
    private final List<TrainingHook> hooks;
    private final Consumer<String> log;
    private final Map<String, Object> configMap;
    private final RunRecorder recorder;
    private final Scenario scenario;
    private final Normalization norm;
    private final boolean taskIl;
    private final long macsPerSample;
    private final Precision precision;
    private final Map<String, StrategyProgress> progress = new LinkedHashMap<>();
    private double[] baseline;

    private ContinualRun(Dataset data, ContinualConfig cfg, Path runDir, List<TrainingHook> hooks, Consumer<String> log,
            Precision.Choice precision) {
        this.cfg = cfg;
        this.runDir = runDir;
        this.hooks = hooks;
        this.log = log;
        this.recorder = RunRecorder.start(cfg, cfg.seed(), data, runDir, precision);
        this.configMap = recorder.config();
        this.precision = precision != null && precision.bf16() ? Precision.BF16 : Precision.FP32;
        if (this.precision == Precision.BF16) {
            configMap.put("precision", Precision.BF16.label()); // so --resume refuses to go on in fp32 (and fp32 run ids stay)
        }
        ImageSet train = cfg.trainLimit() > 0 ? data.train().head(cfg.trainLimit()) : data.train();
        this.scenario = ScenarioBuilder.build(cfg.scenario(), cfg.experiences(), train, data.test(), data.numClasses(), cfg.seed());
        this.norm = Normalization.fit(scenario.get(0).train());
        this.taskIl = Scenario.TASK_IL.equals(scenario.kind());
        this.macsPerSample = ContinualNets.build(cfg.backbone(), train.channels(), train.rows(), train.cols(), data.numClasses()).macs();
    }

    public static Outcome run(Dataset data, ContinualConfig cfg, Path runDir, boolean resume, List<TrainingHook> hooks,
            Consumer<String> log) {
        return run(data, cfg, runDir, resume, hooks, log, null);
    }

    /**
     * {@link #run(Dataset, ContinualConfig, Path, boolean, List, Consumer)} with every network computing in
     * {@code precision} (fp32 when null: the path of before). bf16 is mixed precision: convolutions and feature
     * layers in bf16; weights, optimizer state, batch norms, classifier, loss, metrics and checkpoints fp32. The
     * choice goes into results.json's provenance; a bf16 run's config says {@code precision: bf16}.
     */
    public static Outcome run(Dataset data, ContinualConfig cfg, Path runDir, boolean resume, List<TrainingHook> hooks,
            Consumer<String> log, Precision.Choice precision) {
        Engines.pytorch();
        ContinualRun run = new ContinualRun(data, cfg, runDir, hooks, log, precision);
        checkResumable(runDir.resolve(CHECKPOINTS), run.configMap, resume);
        return run.execute(resume);
    }

    private Outcome execute(boolean resume) {
        ResultEnvelope<ContinualRunMetrics> result = null;
        try (NDManager manager = NDManager.newBaseManager()) {
            AccuracyEvaluator evaluator = new AccuracyEvaluator(scenario, manager, norm);
            baseline = taskIl ? freshBaseline(manager, evaluator) : null;
            for (String name : cfg.runOrder()) {
                Path dir = runDir.resolve(CHECKPOINTS).resolve(name);
                if (resume) {
                    AtomicFiles.recoverFolder(dir); // the run may have been killed while it replaced this checkpoint
                }
                StrategyProgress p = resume && Files.exists(dir.resolve(PROGRESS_FILE))
                        ? Json.read(dir.resolve(PROGRESS_FILE), StrategyProgress.class) : StrategyProgress.empty();
                if (p.done() == scenario.size()) {
                    log.accept(name + ": all " + p.done() + " experiences done (from the checkpoint)");
                } else {
                    p = runStrategy(name, p, manager, evaluator, dir);
                }
                progress.put(name, p);
                result = writeResults();
            }
        }
        return new Outcome(result, progress);
    }

    private StrategyProgress runStrategy(String name, StrategyProgress done, NDManager manager, AccuracyEvaluator evaluator, Path dir) {
        StrategyProgress p = done;
        try (Strategy strategy = Strategies.create(name, cfg)) {
            ComputeMeter meter = new ComputeMeter(macsPerSample);
            meter.restore(p.steps(), p.macs());
            LearningContext ctx = new LearningContext(scenario, cfg, manager, norm, meter, hooks, precision);
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
                double[] validationRow = evaluator.validationRow(strategy, t, taskIl);
                p = p.plus(row, taskRow, validationRow, meter.steps(), meter.macs(), seconds, ctx.probePoints());
                ctx.probePoints().clear();
                StrategyProgress saved = p;
                AtomicFiles.writeFolder(dir, folder -> {
                    strategy.save(folder);
                    Files.writeString(folder.resolve(PROGRESS_FILE), Json.toString(saved));
                });
                progress.put(name, p);
                writeResults();
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
    private double[] freshBaseline(NDManager manager, AccuracyEvaluator evaluator) {
        LearningContext ctx = new LearningContext(scenario, cfg, manager, norm, new ComputeMeter(0), List.of(), precision);
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
            if (!Json.sameJson(saved, configMap)) {
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

    private ResultEnvelope<ContinualRunMetrics> writeResults() {
        ContinualRunMetrics metrics = ContinualSummary.metrics(progress, baseline, taskIl);
        return recorder.writeResults(ResultKind.CONTINUAL, metrics);
    }
}
