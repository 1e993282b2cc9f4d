package io.zerowaste.glimpse.app;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.zerowaste.core.Seeds;
import io.zerowaste.core.config.GlimpseConfig;
import io.zerowaste.core.config.TrainConfig;
import io.zerowaste.core.data.Augmentation;
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
import io.zerowaste.glimpse.train.GlimpseEvaluator;
import io.zerowaste.glimpse.train.GlimpseObjective;
import io.zerowaste.nn.bundle.BundleManifest;
import io.zerowaste.nn.bundle.ModelBundle;
import io.zerowaste.nn.engine.Engines;
import io.zerowaste.nn.app.RunRecorder;
import io.zerowaste.nn.model.ArchitectureSpec;
import io.zerowaste.nn.train.TrainingHistory;
import io.zerowaste.nn.train.TrainingHook;
import io.zerowaste.nn.train.TrainingLoop;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Trains one glimpse model per policy (the policy inside the training loop), evaluates each on test after
 * 1..T glimpses, with the stop rule swept and on the full image, and writes a bundle per policy
 * ({@code RUN_DIR/<policy>}) and {@code RUN_DIR/results.json} with the metrics under {@code policies.<name>}.
 */
public final class GlimpseTraining {

    private GlimpseTraining() {}

    public static ResultEnvelope<GlimpseMetrics> run(Dataset data, GlimpseConfig cfg, Path runDir, List<TrainingHook> hooks, Consumer<String> log) {
        Engines.pytorch();
        RunRecorder run = RunRecorder.start(cfg, cfg.seed(), data, runDir);
        RunRecorder.TrainingSplit split = RunRecorder.split(data, cfg.seed(), cfg.trainLimit());
        var train = split.train();
        Normalization norm = Normalization.fit(train);
        GlimpseGrid grid = GlimpseGrid.standard(train.rows(), train.cols());
        BatchAssembler trainData = new BatchAssembler(train, norm);
        BatchAssembler val = new BatchAssembler(split.validation(), norm);
        BatchAssembler test = new BatchAssembler(data.test(), norm);
        Map<String, PolicyMetrics> policies = new LinkedHashMap<>();
        for (String name : cfg.policies()) {
            log.accept("glimpse: training the " + name + " model (" + cfg.epochs() + " epochs, " + cfg.glimpses() + " glimpses)");
            try (NDManager manager = NDManager.newBaseManager()) {
                Engines.seed(Seeds.split(cfg.seed(), "glimpse/init"));
                GlimpseModel model = new GlimpseModel(grid, cfg.width(), cfg.depth(), cfg.heads(), data.numClasses());
                model.initialize(manager, DataType.FLOAT32, model.inputShapes());
                GlimpsePolicy policy = name.equals("full") ? null : GlimpsePolicy.of(name);
                int center = (grid.positionRows() / 2 - 1) * grid.positionCols() + grid.positionCols() / 2 - 1;
                GlimpseObjective objective = new GlimpseObjective(model, policy, cfg.glimpses(), Seeds.split(cfg.seed(), "glimpse/" + name),
                        Math.max(0, center));
                TrainConfig tc = new TrainConfig("glimpse", cfg.epochs(), cfg.batchSize(), TrainConfig.ADAM, cfg.learningRate(), 0.9, 1e-4,
                        TrainConfig.ONE_CYCLE, 0, false, Seeds.split(cfg.seed(), "glimpse/train-" + name), 0);
                TrainingLoop loop = new TrainingLoop(model, objective, manager, tc, Augmentation.NONE, hooks);
                TrainingHistory h;
                try {
                    h = loop.run(trainData, val, TrainingHistory.empty());
                } finally {
                    loop.optimizer().close();
                }
                double full = GlimpseEvaluator.fullImageAccuracy(model, manager, test);
                PolicyMetrics m = policy == null
                        ? new PolicyMetrics(List.of(), List.of(), List.of(), null, null, full, h.trainSeconds(), h.valAccuracy())
                        : policyMetrics(GlimpseEvaluator.evaluate(model, manager, test, policy, cfg.glimpses(), objective.start(),
                                Seeds.split(cfg.seed(), "glimpse/eval-" + name), GlimpseEvaluator.THRESHOLDS), objective.start(), full, h);
                policies.put(name, m);
                Map<String, Object> extra = new GlimpseBundleInfo(name, cfg.glimpses(), objective.start(), cfg.width(), cfg.depth(),
                        cfg.heads()).toExtra();
                ArchitectureSpec spec = new ArchitectureSpec("glimpse-vit", 1, train.rows(), train.cols(), data.numClasses());
                BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, GlimpseBundle.KIND, spec, norm, data.classNames(),
                        Map.of(), ModelBundle.countParameters(model), BundleManifest.PARAMETERS_FILE, null,
                        run.provenance(), Json.asMap(m), extra);
                ModelBundle.write(runDir.resolve(name), model, manifest);
            }
            run.writeResults(ResultKind.GLIMPSE, new GlimpseMetrics(policies));
        }
        return run.writeResults(ResultKind.GLIMPSE, new GlimpseMetrics(policies));
    }

    private static PolicyMetrics policyMetrics(GlimpseEvaluator.Result r, int start, double full, TrainingHistory h) {
        List<PolicyMetrics.StopPoint> curve = new ArrayList<>();
        for (int k = 0; k < r.stopThresholds().length; k++) {
            curve.add(new PolicyMetrics.StopPoint(r.stopThresholds()[k], r.stopAccuracy()[k], r.stopPixelFraction()[k]));
        }
        // the pixels the stop rule needs to come within 1 point of this model's full-image accuracy
        return new PolicyMetrics(boxed(r.accuracyByGlimpses()), curve, boxed(r.rmseByGlimpses()), r.pixelFractionToReach(full - 0.01),
                start, full, h.trainSeconds(), h.valAccuracy());
    }

    private static List<Double> boxed(double[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }
}
