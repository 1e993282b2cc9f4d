package io.zerowaste.exits.app;

import ai.djl.ndarray.NDManager;
import io.zerowaste.core.config.ExitsConfig;
import io.zerowaste.core.config.TrainConfig;
import io.zerowaste.core.data.Augmentation;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.DatasetLocator;
import io.zerowaste.core.data.Normalization;
import io.zerowaste.core.data.Split;
import io.zerowaste.core.metrics.CostCurves;
import io.zerowaste.core.result.ExitsBundleInfo;
import io.zerowaste.core.result.ExitsMetrics;
import io.zerowaste.core.result.MethodMetrics;
import io.zerowaste.core.result.ResultEnvelope;
import io.zerowaste.core.result.ResultKind;
import io.zerowaste.exits.eval.ExitOutputs;
import io.zerowaste.exits.eval.ExitOutputsCollector;
import io.zerowaste.exits.eval.MethodReport;
import io.zerowaste.exits.method.EarlyExitMethod;
import io.zerowaste.exits.model.EarlyExitModel;
import io.zerowaste.nn.app.BackboneTraining;
import io.zerowaste.nn.app.RunRecorder;
import io.zerowaste.nn.bundle.BundleManifest;
import io.zerowaste.nn.bundle.BundleSplit;
import io.zerowaste.nn.bundle.ModelBundle;
import io.zerowaste.nn.engine.Engines;
import io.zerowaste.nn.train.TrainingHook;
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
        RunRecorder run = RunRecorder.start(cfg, cfg.seed(), data, runDir);
        Engines.seed(cfg.seed());
        List<EarlyExitMethod> methods = cfg.methods().stream().map(EarlyExitMethod::of).toList();
        Path backboneBundle = backbone(data, cfg, runDir, hooks, log);
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelBundle.Loaded backbone = ModelBundle.read(backboneBundle, manager);
            Splits splits = splits(data, cfg, backbone.manifest(), backboneBundle);
            Map<String, EarlyExitModel> models = trainHeads(methods, backbone, splits, cfg, manager, hooks, log);
            log.accept("evaluating every method offline on validation and test");
            Evaluated e = evaluateAndBundle(methods, models, backbone.manifest(), splits, manager, run, runDir);
            ExitsMetrics metrics = new ExitsMetrics(e.backboneTest, e.backboneVal, ((Number) backbone.manifest().macs().get("total")).longValue(),
                    e.headCost == null ? null : Arrays.stream(e.headCost).boxed().toList(), e.metrics);
            return new Outcome(e.backboneTest, e.reports, e.bundles, run.writeResults(ResultKind.EXITS, metrics));
        }
    }

    /** The backbone bundle: the one given with --backbone, or a new one trained into RUN_DIR/backbone. */
    private static Path backbone(Dataset data, ExitsConfig cfg, Path runDir, List<TrainingHook> hooks, Consumer<String> log) {
        if (cfg.backbone() != null) {
            return Path.of(cfg.backbone());
        }
        log.accept("training the backbone (" + cfg.backboneEpochs() + " epochs)");
        TrainConfig bc = TrainConfig.defaults().withEpochs(cfg.backboneEpochs()).withSeed(cfg.seed()).withTrainLimit(cfg.trainLimit());
        return BackboneTraining.run(data, bc, runDir.resolve("backbone"), false, hooks).bundleDir();
    }

    /** Training, validation and test batches, normalised as the backbone was. */
    private record Splits(BatchAssembler train, BatchAssembler validation, BatchAssembler test, Augmentation augmentation) {}

    private static Splits splits(Dataset data, ExitsConfig cfg, BundleManifest bm, Path backboneBundle) {
        // a reused backbone's own split: validating on its training images would make every choice look better
        Split split = cfg.backbone() != null ? BundleSplit.onTrainingData(bm, data, backboneBundle) : Split.of(data.train(), cfg.seed());
        RunRecorder.TrainingSplit s = RunRecorder.split(split, cfg.trainLimit());
        Normalization norm = bm.normalization();
        return new Splits(new BatchAssembler(s.train(), norm), new BatchAssembler(s.validation(), norm),
                new BatchAssembler(data.test(), norm), Augmentation.standard(DatasetLocator.flipByDefault(data.classNames())));
    }

    /** One set of heads per heads key (SDN and PBEE share theirs) on the frozen backbone, and ZTW's ensembles. */
    private static Map<String, EarlyExitModel> trainHeads(List<EarlyExitMethod> methods, ModelBundle.Loaded backbone, Splits splits,
            ExitsConfig cfg, NDManager manager, List<TrainingHook> hooks, Consumer<String> log) {
        BundleManifest bm = backbone.manifest();
        Map<String, EarlyExitModel> models = new LinkedHashMap<>();
        for (EarlyExitMethod m : methods) {
            if (models.containsKey(m.headsKey())) {
                continue;
            }
            EarlyExitModel model = new EarlyExitModel(backbone.backbone(), m.cascade(), m.ensemble());
            model.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, bm.architecture().inputShape());
            HeadTraining.train(model, splits.train(), splits.validation(), splits.augmentation(), cfg, manager, hooks, log);
            models.put(m.headsKey(), model);
        }
        return models;
    }

    /** What the offline evaluation of every method found, and where each method's bundle was written. */
    private static final class Evaluated {
        final Map<String, MethodReport> reports = new LinkedHashMap<>();
        final Map<String, Path> bundles = new LinkedHashMap<>();
        final Map<String, MethodMetrics> metrics = new LinkedHashMap<>();
        double backboneTest = Double.NaN;
        double backboneVal = Double.NaN;
        double[] headCost;
    }

    /** Every method swept offline on validation and test, calibrated on validation, and written as a bundle. */
    private static Evaluated evaluateAndBundle(List<EarlyExitMethod> methods, Map<String, EarlyExitModel> models, BundleManifest bm,
            Splits splits, NDManager manager, RunRecorder run, Path runDir) {
        Evaluated e = new Evaluated();
        Map<String, ExitOutputs[]> outputs = new LinkedHashMap<>();
        for (EarlyExitMethod m : methods) {
            EarlyExitModel model = models.get(m.headsKey());
            ExitOutputs[] vt = outputs.computeIfAbsent(m.headsKey() + m.ensemble(), k -> new ExitOutputs[] {
                    ExitOutputsCollector.collect(model, manager, splits.validation(), m.ensemble()),
                    ExitOutputsCollector.collect(model, manager, splits.test(), m.ensemble())});
            double[] cost = model.exitCostFractions();
            MethodReport r = MethodReport.of(m, vt[0], vt[1], cost);
            e.reports.put(m.name(), r);
            e.backboneTest = r.perHeadAccuracy()[model.numHeads()];
            e.backboneVal = CostCurves.perHeadAccuracy(vt[0].predictions(), vt[0].labels())[model.numHeads()];
            double param = r.validationCurve().get(r.forMaxDrop(e.backboneVal, DEFAULT_MAX_DROP)).param();
            e.metrics.put(m.name(), r.toMetrics().withDefault(param, exitFractions(m, param, vt[1])));
            if (e.headCost == null || m.ensemble()) {
                e.headCost = cost;
            }
            e.bundles.put(m.name(), writeBundle(m, model, r, param, e.backboneVal, bm, run, runDir));
        }
        return e;
    }

    /** RUN_DIR/&lt;method&gt;: the model with its calibrated setting, validation curve and budget table. */
    private static Path writeBundle(EarlyExitMethod m, EarlyExitModel model, MethodReport r, double param, double backboneVal,
            BundleManifest bm, RunRecorder run, Path runDir) {
        ExitsBundleInfo info = new ExitsBundleInfo(m.name(), m.policy(0).name(), param,
                "cheapest validation point within 0.5 points of the backbone", backboneVal,
                Arrays.stream(r.exitCostFraction()).boxed().toList(), r.validationCurve());
        Map<String, Object> bundleMetrics = new LinkedHashMap<>();
        bundleMetrics.put("budget_accuracy", r.budgetAccuracy());
        bundleMetrics.put("auc", r.auc());
        BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, ExitsBundle.KIND, bm.architecture(),
                bm.normalization(), bm.classNames(), bm.macs(), ModelBundle.countParameters(model), BundleManifest.PARAMETERS_FILE,
                null, run.provenance(), bundleMetrics, info.toExtra());
        Path dir = runDir.resolve(m.name());
        ModelBundle.write(dir, model, manifest);
        return dir;
    }
}
