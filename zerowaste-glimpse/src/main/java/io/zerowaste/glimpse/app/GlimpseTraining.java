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
import io.zerowaste.core.data.Split;
import io.zerowaste.core.io.AtomicFiles;
import io.zerowaste.core.io.Json;
import io.zerowaste.core.provenance.Provenance;
import io.zerowaste.core.provenance.RunId;
import io.zerowaste.core.result.ResultEnvelope;
import io.zerowaste.glimpse.geometry.GlimpseGrid;
import io.zerowaste.glimpse.model.GlimpseModel;
import io.zerowaste.glimpse.policy.GlimpsePolicy;
import io.zerowaste.glimpse.train.GlimpseEvaluator;
import io.zerowaste.glimpse.train.GlimpseObjective;
import io.zerowaste.nn.bundle.BundleManifest;
import io.zerowaste.nn.bundle.ModelBundle;
import io.zerowaste.nn.engine.Engines;
import io.zerowaste.nn.engine.Provenances;
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

    public static ResultEnvelope run(Dataset data, GlimpseConfig cfg, Path runDir, List<TrainingHook> hooks, Consumer<String> log) {
        Engines.pytorch();
        AtomicFiles.checkWritableFolder(runDir); // refuse an unusable --out before spending time on training
        Map<String, Object> configMap = Json.MAPPER.convertValue(cfg, LinkedHashMap.class);
        Provenance provenance = Provenances.start(configMap, cfg.seed(), data);
        long t0 = System.nanoTime();
        Split split = Split.of(data.train(), cfg.seed());
        var train = cfg.trainLimit() > 0 ? split.train().head(cfg.trainLimit()) : split.train();
        Normalization norm = Normalization.fit(train);
        GlimpseGrid grid = GlimpseGrid.standard(train.rows(), train.cols());
        BatchAssembler trainData = new BatchAssembler(train, norm);
        BatchAssembler val = new BatchAssembler(split.validation(), norm);
        BatchAssembler test = new BatchAssembler(data.test(), norm);
        Map<String, Object> policies = new LinkedHashMap<>();
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
                Map<String, Object> m = new LinkedHashMap<>();
                double full = GlimpseEvaluator.fullImageAccuracy(model, manager, test);
                if (policy != null) {
                    GlimpseEvaluator.Result r = GlimpseEvaluator.evaluate(model, manager, test, policy, cfg.glimpses(), objective.start(),
                            Seeds.split(cfg.seed(), "glimpse/eval-" + name), GlimpseEvaluator.THRESHOLDS);
                    m.put("accuracy_by_glimpses", r.accuracyByGlimpses());
                    List<Map<String, Object>> curve = new ArrayList<>();
                    for (int k = 0; k < r.stopThresholds().length; k++) {
                        curve.add(Map.of("threshold", r.stopThresholds()[k], "accuracy", r.stopAccuracy()[k], "pixel_fraction",
                                r.stopPixelFraction()[k]));
                    }
                    m.put("stop_curve", curve);
                    m.put("reconstruction_rmse_by_glimpses", r.rmseByGlimpses());
                    // the pixels the stop rule needs to come within 1 point of this model's full-image accuracy
                    m.put("pixel_fraction_for_full_minus_1", r.pixelFractionToReach(full - 0.01));
                    m.put("start_position", objective.start());
                } else {
                    m.put("accuracy_by_glimpses", List.of());
                    m.put("stop_curve", List.of());
                    m.put("reconstruction_rmse_by_glimpses", List.of());
                }
                m.put("full_image_accuracy", full);
                m.put("train_seconds", h.trainSeconds());
                m.put("val_accuracy", h.valAccuracy());
                policies.put(name, m);
                Map<String, Object> extra = new LinkedHashMap<>();
                extra.put("policy", name);
                extra.put("glimpses", cfg.glimpses());
                extra.put("start", objective.start());
                extra.put("width", cfg.width());
                extra.put("depth", cfg.depth());
                extra.put("heads", cfg.heads());
                ArchitectureSpec spec = new ArchitectureSpec("glimpse-vit", 1, train.rows(), train.cols(), data.numClasses());
                BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, GlimpseBundle.KIND, spec, norm, data.classNames(),
                        Map.of(), ModelBundle.countParameters(model), BundleManifest.PARAMETERS_FILE, null,
                        provenance.withWallSeconds((System.nanoTime() - t0) / 1e9), m, extra);
                ModelBundle.write(runDir.resolve(name), model, manifest);
            }
            ResultEnvelope partial = envelope(configMap, provenance, t0, policies);
            Json.write(runDir.resolve(ResultEnvelope.FILE_NAME), partial);
        }
        return envelope(configMap, provenance, t0, policies);
    }

    private static ResultEnvelope envelope(Map<String, Object> configMap, Provenance provenance, long t0, Map<String, Object> policies) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("policies", policies);
        return new ResultEnvelope("glimpse", RunId.of(configMap), provenance.withWallSeconds((System.nanoTime() - t0) / 1e9), configMap, metrics);
    }
}
