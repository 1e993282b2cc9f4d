package io.zerowaste.exits.app;

import ai.djl.ndarray.NDManager;
import io.zerowaste.core.config.ExitsConfig;
import io.zerowaste.core.config.TrainConfig;
import io.zerowaste.core.data.Augmentation;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.DatasetLocator;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.core.data.Normalization;
import io.zerowaste.core.data.Split;
import io.zerowaste.core.io.AtomicFiles;
import io.zerowaste.core.io.Json;
import io.zerowaste.core.metrics.CostCurves;
import io.zerowaste.core.provenance.Provenance;
import io.zerowaste.core.provenance.RunId;
import io.zerowaste.core.result.ExitsBundleInfo;
import io.zerowaste.core.result.ExitsMetrics;
import io.zerowaste.core.result.MethodMetrics;
import io.zerowaste.core.result.ResultEnvelope;
import io.zerowaste.core.result.ResultKind;
import io.zerowaste.core.result.Results;
import io.zerowaste.exits.eval.ExitOutputs;
import io.zerowaste.exits.eval.ExitOutputsCollector;
import io.zerowaste.exits.eval.MethodReport;
import io.zerowaste.exits.method.EarlyExitMethod;
import io.zerowaste.exits.model.EarlyExitModel;
import io.zerowaste.exits.ztw.EnsembleTrainer;
import io.zerowaste.nn.app.BackboneTraining;
import io.zerowaste.nn.bundle.BundleManifest;
import io.zerowaste.nn.bundle.BundleSplit;
import io.zerowaste.nn.bundle.ModelBundle;
import io.zerowaste.nn.engine.Engines;
import io.zerowaste.nn.engine.Provenances;
import io.zerowaste.nn.train.TrainingHistory;
import io.zerowaste.nn.train.TrainingHook;
import io.zerowaste.nn.train.TrainingLoop;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The early-exit pipeline: get a backbone (reuse a bundle or train one), freeze it, train each method's
 * heads (SDN and PBEE share independent heads; ZTW trains cascaded heads, then its ensembles), evaluate
 * every method offline on validation and test, and write one bundle per method plus results.json.
 */
public final class ExitsTraining {

    public static final double DEFAULT_MAX_DROP = 0.005;

    /** What a finished run returns. */
    public record Outcome(double backboneTestAccuracy, Map<String, MethodReport> reports, Map<String, Path> bundles,
            ResultEnvelope<ExitsMetrics> result) {}

    private ExitsTraining() {}

    /** Fraction of samples leaving at each exit for one parameter value: where the saved compute comes from. */
    public static List<Double> exitFractions(EarlyExitMethod m, double param, ExitOutputs out) {
        int[] exit = io.zerowaste.exits.eval.ExitSimulator.simulate(m.policy(param), out).exit();
        double[] f = new double[out.exits()];
        for (int e : exit) {
            f[e] += 1.0 / exit.length;
        }
        List<Double> l = new ArrayList<>();
        for (double v : f) {
            l.add(v);
        }
        return l;
    }

    public static Outcome run(Dataset data, ExitsConfig cfg, Path runDir, List<TrainingHook> hooks, Consumer<String> log) {
        Engines.pytorch();
        AtomicFiles.checkWritableFolder(runDir); // refuse an unusable --out before spending time on training
        Engines.seed(cfg.seed());
        Map<String, Object> configMap = Json.MAPPER.convertValue(cfg, LinkedHashMap.class);
        Provenance provenance = Provenances.start(configMap, cfg.seed(), data);
        long t0 = System.nanoTime();
        List<EarlyExitMethod> methods = cfg.methods().stream().map(EarlyExitMethod::of).toList();

        Path backboneBundle = cfg.backbone() != null ? Path.of(cfg.backbone()) : null;
        if (backboneBundle == null) {
            log.accept("training the backbone (" + cfg.backboneEpochs() + " epochs)");
            TrainConfig bc = TrainConfig.defaults().withEpochs(cfg.backboneEpochs()).withSeed(cfg.seed())
                    .withTrainLimit(cfg.trainLimit());
            backboneBundle = BackboneTraining.run(data, bc, runDir.resolve("backbone"), false, hooks).bundleDir();
        }

        try (NDManager manager = NDManager.newBaseManager()) {
            ModelBundle.Loaded backbone = ModelBundle.read(backboneBundle, manager);
            BundleManifest bm = backbone.manifest();
            Normalization norm = bm.normalization();
            // a reused backbone's own split: validating on its training images would make every choice look better
            Split split = cfg.backbone() != null ? BundleSplit.onTrainingData(bm, data, backboneBundle) : Split.of(data.train(), cfg.seed());
            ImageSet train = cfg.trainLimit() > 0 ? split.train().head(cfg.trainLimit()) : split.train();
            BatchAssembler trainData = new BatchAssembler(train, norm);
            BatchAssembler valData = new BatchAssembler(split.validation(), norm);
            BatchAssembler testData = new BatchAssembler(data.test(), norm);
            Augmentation aug = Augmentation.standard(DatasetLocator.isFashion(data.classNames()));

            Map<String, EarlyExitModel> models = new LinkedHashMap<>();
            for (EarlyExitMethod m : methods) {
                if (models.containsKey(m.headsKey())) {
                    continue;
                }
                EarlyExitModel model = new EarlyExitModel(backbone.backbone(), m.cascade(), m.ensemble());
                model.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, bm.architecture().inputShape());
                model.freezeBackbone();
                if (model.ensemble() != null) {
                    model.ensemble().freezeParameters(true);
                }
                log.accept("training " + (m.cascade() ? "cascaded (ZTW)" : "independent (SDN/PBEE)") + " heads ("
                        + cfg.headEpochs() + " epochs)");
                TrainConfig hc = new TrainConfig(bm.architecture().name(), cfg.headEpochs(), cfg.batchSize(), TrainConfig.ADAM,
                        cfg.headLearningRate(), 0.9, 0, TrainConfig.COSINE, aug.padding(), aug.flip(), cfg.seed() + 1, 0);
                new TrainingLoop(model, new HeadsObjective(model), manager, hc, aug, hooks)
                        .run(trainData, valData, TrainingHistory.empty());
                if (model.ensemble() != null) {
                    model.freezeHeads();
                    model.ensemble().freezeParameters(false);
                    log.accept("training the ZTW ensembles (" + cfg.ensembleEpochs() + " epochs on cached log-probabilities)");
                    EnsembleTrainer.train(model, manager, trainData, cfg.ensembleEpochs(), cfg.ensembleLearningRate(),
                            cfg.ensembleBatch(), cfg.seed());
                }
                models.put(m.headsKey(), model);
            }

            log.accept("evaluating every method offline on validation and test");
            Map<String, MethodReport> reports = new LinkedHashMap<>();
            Map<String, Path> bundles = new LinkedHashMap<>();
            Map<String, ExitOutputs[]> outputs = new LinkedHashMap<>();
            double backboneTest = Double.NaN;
            double backboneVal = Double.NaN;
            Map<String, MethodMetrics> methodMetrics = new LinkedHashMap<>();
            double[] headCost = null;
            for (EarlyExitMethod m : methods) {
                EarlyExitModel model = models.get(m.headsKey());
                ExitOutputs[] vt = outputs.computeIfAbsent(m.headsKey() + m.ensemble(), k -> new ExitOutputs[] {
                        ExitOutputsCollector.collect(model, manager, valData, m.ensemble()),
                        ExitOutputsCollector.collect(model, manager, testData, m.ensemble())});
                double[] cost = model.exitCostFractions();
                MethodReport r = MethodReport.of(m, vt[0], vt[1], cost);
                reports.put(m.name(), r);
                backboneTest = r.perHeadAccuracy()[model.numHeads()];
                backboneVal = CostCurves.perHeadAccuracy(vt[0].predictions(), vt[0].labels())[model.numHeads()];
                int chosen = r.forMaxDrop(backboneVal, DEFAULT_MAX_DROP);
                double param = r.validationCurve().get(chosen).param();
                methodMetrics.put(m.name(), r.toMetrics().withDefault(param, exitFractions(m, param, vt[1])));
                if (headCost == null || m.ensemble()) {
                    headCost = cost;
                }
                ExitsBundleInfo info = new ExitsBundleInfo(m.name(), m.policy(0).name(), r.validationCurve().get(chosen).param(),
                        "cheapest validation point within 0.5 points of the backbone", backboneVal, Arrays.stream(cost).boxed().toList(),
                        r.validationCurve());
                Map<String, Object> bundleMetrics = new LinkedHashMap<>();
                bundleMetrics.put("budget_accuracy", r.budgetAccuracy());
                bundleMetrics.put("auc", r.auc());
                BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, ExitsBundle.KIND, bm.architecture(),
                        norm, bm.classNames(), bm.macs(), ModelBundle.countParameters(model), BundleManifest.PARAMETERS_FILE,
                        null, provenance.withWallSeconds((System.nanoTime() - t0) / 1e9), bundleMetrics, info.toExtra());
                Path dir = runDir.resolve(m.name());
                ModelBundle.write(dir, model, manifest);
                bundles.put(m.name(), dir);
            }

            ExitsMetrics metrics = new ExitsMetrics(backboneTest, backboneVal, ((Number) bm.macs().get("total")).longValue(),
                    headCost == null ? null : Arrays.stream(headCost).boxed().toList(), methodMetrics);
            ResultEnvelope<ExitsMetrics> result = new ResultEnvelope<>(ResultKind.EXITS, RunId.of(configMap),
                    provenance.withWallSeconds((System.nanoTime() - t0) / 1e9), configMap, metrics);
            Results.write(runDir, result);
            return new Outcome(backboneTest, reports, bundles, result);
        }
    }
}
