package io.zerowaste.glimpse.app;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.zerowaste.core.Seeds;
import io.zerowaste.core.config.GlimpseConfig;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.Normalization;
import io.zerowaste.core.io.Json;
import io.zerowaste.core.result.GlimpseBundleInfo;
import io.zerowaste.core.result.GlimpseMetrics;
import io.zerowaste.core.result.PolicyMetrics;
import io.zerowaste.core.result.ResultEnvelope;
import io.zerowaste.core.result.ResultKind;
import io.zerowaste.glimpse.geometry.GlimpseGrid;
import io.zerowaste.glimpse.model.GlimpseModel;
import io.zerowaste.glimpse.policy.GlimpsePolicy;
import io.zerowaste.glimpse.train.GlimpseCheckpoint;
import io.zerowaste.glimpse.train.GlimpseEvaluator;
import io.zerowaste.glimpse.train.GlimpseTrainer;
import io.zerowaste.nn.app.RunRecorder;
import io.zerowaste.nn.bundle.BundleManifest;
import io.zerowaste.nn.bundle.ModelBundle;
import io.zerowaste.nn.engine.Engines;
import io.zerowaste.nn.engine.Precision;
import io.zerowaste.nn.model.ArchitectureSpec;
import io.zerowaste.nn.train.TrainingHook;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Trains one policy-agnostic glimpse model (random glimpse subsets, or a policy in the loop with
 * {@code trainPolicy}), then evaluates every policy on it: on test after 1..T glimpses from the data-driven start
 * and from the policy's own fixed start (AME's), with the stop rule swept, on the full image, plus the encoder's
 * MACs per glimpse count and measured throughput. Writes the bundle to {@code RUN_DIR/model} and
 * {@code RUN_DIR/results.json}. With {@code cfg.init()} it fine-tunes a trained glimpse bundle instead
 * ({@link InitBundle}); resumed after its last round, it trains nothing and re-evaluates the kept weights.
 */
public final class GlimpseTraining {

    public static final String MODEL_DIR = "model";
    public static final String SUBSETS = "subsets";
    private static final int[] THROUGHPUT_GLIMPSES = {1, 4, 8};

    private GlimpseTraining() {}

    public static ResultEnvelope<GlimpseMetrics> run(Dataset data, GlimpseConfig cfg, Path runDir, boolean resume, List<TrainingHook> hooks,
            Consumer<String> log) {
        return run(data, cfg, runDir, resume, hooks, log, null);
    }

    /**
     * {@link #run(Dataset, GlimpseConfig, Path, boolean, List, Consumer)} with the model computing in {@code precision}
     * (fp32 when null: the path of before), in training and in every evaluation. bf16 is mixed precision (see
     * {@link GlimpseModel}); parameters, optimizer state, losses, metrics, checkpoints and the bundle stay fp32.
     * The choice goes into results.json's provenance; a bf16 run's config says {@code precision: bf16}, so
     * {@code --resume} refuses to go on in the other precision.
     */
    public static ResultEnvelope<GlimpseMetrics> run(Dataset data, GlimpseConfig cfg, Path runDir, boolean resume, List<TrainingHook> hooks,
            Consumer<String> log, Precision.Choice precision) {
        Engines.pytorch();
        RunRecorder run = RunRecorder.start(cfg, cfg.seed(), data, runDir, precision);
        boolean bf16 = precision != null && precision.bf16();
        if (bf16) {
            run.config().put("precision", Precision.BF16.label());
        }
        RunRecorder.TrainingSplit split = RunRecorder.split(data, cfg.seed(), cfg.trainLimit());
        var train = split.train();
        GlimpseGrid grid = grid(train.rows(), train.cols(), cfg.patch());
        int channels = train.channels();
        GlimpseTrainer.Budget budget = new GlimpseTrainer.Budget(cfg.stepsFor(train.size()), cfg.roundSteps(train.size()), cfg.patience());
        try (NDManager manager = NDManager.newBaseManager()) {
            Engines.seed(Seeds.split(cfg.seed(), "glimpse/init"));
            GlimpseBundle.Loaded init = cfg.init() == null ? null : InitBundle.read(Path.of(cfg.init()), cfg, data, runDir, manager);
            // a fine-tuned model keeps the normalisation it learnt with
            Normalization norm = init != null ? init.manifest().normalization() : Normalization.fit(train);
            BatchAssembler trainData = new BatchAssembler(train, norm);
            BatchAssembler val = new BatchAssembler(split.validation(), norm);
            BatchAssembler test = new BatchAssembler(data.test(), norm);
            GlimpseModel model;
            if (init != null) {
                model = init.model();
            } else {
                model = new GlimpseModel(grid, channels, cfg.width(), cfg.depth(), cfg.decoderDepth(), cfg.heads(), data.numClasses());
                model.initialize(manager, DataType.FLOAT32, model.inputShapes());
            }
            if (bf16) {
                model.setPrecision(Precision.BF16);
            }
            GlimpsePolicy trainPolicy = cfg.trainPolicy() == null ? null : GlimpsePolicy.of(cfg.trainPolicy());
            log.accept("glimpse: " + (init == null ? "training one model" : "fine-tuning " + cfg.init()) + " on "
                    + (trainPolicy == null ? "random glimpse subsets (1.." + cfg.glimpses() + " glimpses)"
                    : "the " + trainPolicy.name() + " policy's glimpses") + ", up to " + budget.steps() + " steps, validating every "
                    + budget.roundSteps());
            // a policy in the loop starts where it will be evaluated: at the init bundle's data-driven window, else its own fixed one
            int policyStart = init != null ? init.start() : -1;
            GlimpseTrainer trainer = new GlimpseTrainer(model, manager, cfg.glimpses(), cfg.batchSize(), cfg.learningRate(),
                    Seeds.split(cfg.seed(), "glimpse/train"), trainPolicy, policyStart, budget, hooks);
            GlimpseTrainer.Result trained;
            try {
                GlimpseCheckpoint.Restored restored = resume ? GlimpseCheckpoint.restore(runDir, run.config(), model, trainer.optimizer(), manager)
                        : null;
                trained = trainer.run(trainData, val, restored, GlimpseTrainer.into(runDir, run.config()));
            } finally {
                trainer.optimizer().close();
            }
            double trainSeconds = trained.history().trainSeconds();
            log.accept("glimpse: kept round " + (trained.bestRound() + 1) + (trained.stoppedEarly() ? " (stopped early)" : "")
                    + "; evaluating " + String.join(", ", cfg.policies()));
            int start = GlimpseEvaluator.bestStart(model, manager, val, 1000);
            int[] fullPredictions = GlimpseEvaluator.fullImagePredictions(model, manager, test); // also the stop rule's fallback
            double full = GlimpseEvaluator.accuracyOf(fullPredictions, test);
            Map<String, PolicyMetrics> policies = new LinkedHashMap<>();
            for (String name : cfg.policies()) {
                GlimpsePolicy policy = GlimpsePolicy.of(name);
                long evalSeed = Seeds.split(cfg.seed(), "glimpse/eval-" + name);
                GlimpseEvaluator.Result r = GlimpseEvaluator.evaluate(model, manager, test, policy, cfg.glimpses(), start, evalSeed,
                        GlimpseEvaluator.THRESHOLDS, fullPredictions);
                GlimpseEvaluator.Result fixed = "random".equals(name) ? null
                        : GlimpseEvaluator.evaluate(model, manager, test, policy, cfg.glimpses(), -1, evalSeed, new double[0]);
                policies.put(name, policyMetrics(r, fixed, "random".equals(name) ? null : start, full, trainSeconds, trained));
                log.accept("glimpse: " + name + " after " + cfg.glimpses() + " glimpses " + pct(r.accuracyByGlimpses()[cfg.glimpses() - 1])
                        + " %" + (fixed == null ? "" : " (fixed start " + pct(fixed.accuracyByGlimpses()[cfg.glimpses() - 1]) + " %)"));
            }
            List<Long> macs = new ArrayList<>();
            for (int k = 1; k <= cfg.glimpses(); k++) {
                macs.add(model.encoderMacs(Math.min(grid.patches(), k * grid.window() * grid.window())));
            }
            Map<String, Double> speed = new LinkedHashMap<>();
            for (int k : THROUGHPUT_GLIMPSES) {
                if (k <= cfg.glimpses()) {
                    speed.put(String.valueOf(k), GlimpseEvaluator.imagesPerSecond(model, manager, test, k));
                }
            }
            speed.put("full", GlimpseEvaluator.imagesPerSecond(model, manager, test, 0));
            GlimpseMetrics metrics = new GlimpseMetrics(policies, trainPolicy == null ? SUBSETS : trainPolicy.name(), budget.steps(),
                    trained.history().samples().stream().mapToInt(Integer::intValue).sum() / cfg.batchSize(), trained.bestRound(),
                    trained.stoppedEarly(), full, trainSeconds, macs, model.encoderMacs(grid.patches()), model.decoderMacs(), speed);
            GlimpseBundleInfo info = new GlimpseBundleInfo(trainPolicy == null ? SUBSETS : trainPolicy.name(), cfg.glimpses(), start, cfg.width(),
                    cfg.depth(), cfg.heads(), cfg.decoderDepth(), cfg.patch(), channels);
            ArchitectureSpec spec = new ArchitectureSpec("glimpse-vit", channels, train.rows(), train.cols(), data.numClasses());
            BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, GlimpseBundle.KIND, spec, norm, data.classNames(),
                    Map.of(), ModelBundle.countParameters(model), BundleManifest.PARAMETERS_FILE, null, run.provenance(), Json.asMap(metrics),
                    info.toExtra());
            ModelBundle.write(runDir.resolve(MODEL_DIR), model, manifest);
            return run.writeResults(ResultKind.GLIMPSE, metrics);
        }
    }

    /** The patch grid of {@code rows × cols} images with {@code patch}-pixel patches and 2×2-patch glimpses. */
    public static GlimpseGrid grid(int rows, int cols, int patch) {
        if (rows % patch != 0 || cols % patch != 0) {
            throw io.zerowaste.core.ZeroWasteException.badInput(rows + "×" + cols + " images do not split into " + patch + "×" + patch
                    + " patches (pass a --patch that divides both sides)");
        }
        if (rows / patch < 2 || cols / patch < 2) {
            throw io.zerowaste.core.ZeroWasteException.badInput("--patch " + patch + " leaves fewer than 2×2 patches in a " + rows + "×" + cols
                    + " image (a glimpse is 2×2 patches; pass a smaller --patch)");
        }
        return new GlimpseGrid(rows, cols, patch, 2);
    }

    private static String pct(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", 100 * v);
    }

    private static PolicyMetrics policyMetrics(GlimpseEvaluator.Result r, GlimpseEvaluator.Result fixed, Integer start, double full,
            double trainSeconds, GlimpseTrainer.Result trained) {
        // the pixels the stop rule needs to come within 1 point of this model's full-image accuracy
        return new PolicyMetrics(boxed(r.accuracyByGlimpses()), curve(r.stopThresholds(), r.stopAccuracy(), r.stopPixelFraction()),
                boxed(r.rmseByGlimpses()), r.pixelFractionToReach(full - 0.01), start, full, trainSeconds, trained.history().valAccuracy(),
                fixed == null ? null : boxed(fixed.accuracyByGlimpses()), fixed == null ? null : boxed(fixed.rmseByGlimpses()),
                curve(r.stopThresholds(), r.fallbackAccuracy(), r.fallbackPixelFraction()), r.fallbackPixelFractionToReach(full - 0.01),
                boxed(r.pixelFractionByGlimpses()));
    }

    private static List<PolicyMetrics.StopPoint> curve(double[] thresholds, double[] accuracy, double[] pixels) {
        List<PolicyMetrics.StopPoint> curve = new ArrayList<>();
        for (int k = 0; k < thresholds.length; k++) {
            curve.add(new PolicyMetrics.StopPoint(thresholds[k], accuracy[k], pixels[k]));
        }
        return curve;
    }

    private static List<Double> boxed(double[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }
}
