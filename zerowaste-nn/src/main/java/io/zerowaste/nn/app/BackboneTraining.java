package io.zerowaste.nn.app;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.zerowaste.core.config.TrainConfig;
import io.zerowaste.core.data.Augmentation;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.DatasetLocator;
import io.zerowaste.core.data.Normalization;
import io.zerowaste.core.io.Json;
import io.zerowaste.core.provenance.Provenance;
import io.zerowaste.core.result.BackboneMetrics;
import io.zerowaste.core.result.ResultEnvelope;
import io.zerowaste.core.result.ResultKind;
import io.zerowaste.nn.bundle.BundleManifest;
import io.zerowaste.nn.bundle.ModelBundle;
import io.zerowaste.nn.engine.Engines;
import io.zerowaste.nn.eval.Evaluator;
import io.zerowaste.nn.macs.MacReport;
import io.zerowaste.nn.model.ArchitectureSpec;
import io.zerowaste.nn.model.StagedBackbone;
import io.zerowaste.nn.train.Checkpoints;
import io.zerowaste.nn.train.TrainingHistory;
import io.zerowaste.nn.train.TrainingHook;
import io.zerowaste.nn.train.TrainingLoop;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a backbone end to end: split, normalise, train with checkpoints, evaluate on test, write the
 * bundle ({@code RUN_DIR/model}) and {@code RUN_DIR/results.json}.
 */
public final class BackboneTraining {

    public static final String MODEL_DIR = "model";

    /** What a finished run returns. */
    public record Outcome(TrainingHistory history, double testAccuracy, BundleManifest manifest, ResultEnvelope<BackboneMetrics> result,
            Path bundleDir) {}

    private BackboneTraining() {}

    public static Outcome run(Dataset data, TrainConfig config, Path runDir, boolean resume, List<TrainingHook> hooks) {
        Engines.pytorch();
        Engines.seed(config.seed());
        RunRecorder run = RunRecorder.start(config, config.seed(), data, runDir);
        Map<String, Object> configMap = run.config();

        RunRecorder.TrainingSplit split = RunRecorder.split(data, config.seed(), config.trainLimit());
        var train = split.train();
        Normalization norm = Normalization.fit(train);
        boolean flip = config.flip() != null ? config.flip() : DatasetLocator.flipByDefault(data.classNames());
        Augmentation aug = new Augmentation(config.padding(), flip);
        ArchitectureSpec spec = new ArchitectureSpec(config.architecture(), train.channels(), train.rows(), train.cols(), data.numClasses());

        try (NDManager manager = NDManager.newBaseManager()) {
            StagedBackbone model = spec.build();
            model.initialize(manager, DataType.FLOAT32, spec.inputShape());
            List<TrainingHook> all = new ArrayList<>();
            all.add(Checkpoints.hook(runDir, configMap)); // first: an epoch is saved before anything else can fail
            all.addAll(hooks);
            TrainingLoop loop = new TrainingLoop(model, manager, config, aug, all);
            TrainingHistory history = TrainingHistory.empty();
            if (resume) {
                history = Checkpoints.restore(runDir, configMap, model, spec.inputShape(), loop.optimizer(), manager);
            }
            history = loop.run(new BatchAssembler(train, norm), new BatchAssembler(split.validation(), norm), history);
            double test = Evaluator.accuracy(model, manager, new BatchAssembler(data.test(), norm));

            MacReport macs = model.macs();
            long params = ModelBundle.countParameters(model);
            BackboneMetrics metrics = new BackboneMetrics(history.trainSeconds(), history.samplesPerSecond(), history.valAccuracy(), test,
                    macs.total(), params);
            Provenance done = run.provenance();
            BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, "backbone", spec, norm,
                    data.classNames(), macsMap(macs), params, BundleManifest.PARAMETERS_FILE, null, done, Json.asMap(metrics), Map.of());
            Path bundleDir = runDir.resolve(MODEL_DIR);
            ModelBundle.write(bundleDir, model, manifest);
            ResultEnvelope<BackboneMetrics> result = run.writeResults(ResultKind.BACKBONE, metrics);
            return new Outcome(history, test, manifest, result, bundleDir);
        }
    }

    public static Map<String, Object> macsMap(MacReport macs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", macs.total());
        m.put("stages", macs.stageMacs());
        m.put("classifier", macs.classifierMacs());
        m.put("not_counted", macs.uncounted());
        return m;
    }
}
