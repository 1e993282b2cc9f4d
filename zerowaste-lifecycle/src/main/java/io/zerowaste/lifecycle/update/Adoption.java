package io.zerowaste.lifecycle.update;

import ai.djl.ndarray.NDManager;
import io.zerowaste.continual.eval.ComputeMeter;
import io.zerowaste.continual.model.ContinualNet;
import io.zerowaste.continual.plugin.ContinualPlugin;
import io.zerowaste.continual.plugin.ReplayPlugin;
import io.zerowaste.continual.scenario.Experience;
import io.zerowaste.continual.scenario.Scenario;
import io.zerowaste.continual.strategy.LearningContext;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.config.ContinualConfig;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.core.result.ExitsBundleInfo;
import io.zerowaste.exits.app.ExitsBundle;
import io.zerowaste.nn.bundle.BundleManifest;
import io.zerowaste.nn.bundle.Lineage;
import io.zerowaste.nn.bundle.ModelBundle;
import io.zerowaste.nn.engine.Engines;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Makes a freshly trained early-exit bundle the first version of a lineage: the same model, with lineage
 * version 1, the MACs its training cost, its calibration rule, and a replay memory chosen by herding from its
 * training data, so that its first update can rehearse the classes it knows without that data.
 */
public final class Adoption {

    private Adoption() {}

    public static BundleManifest adopt(Path exitsBundle, ImageSet trainingData, int memoryCapacity, long trainingMacs, String rule,
            double ruleValue, Path outDir) {
        Engines.pytorch();
        BundleManifest m = ModelBundle.readManifest(exitsBundle);
        if (m.lineage() != null) {
            throw ZeroWasteException.badInput(exitsBundle + " is version " + m.version() + " of a lineage already (update it instead)");
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            ExitsBundle.Loaded b = ExitsBundle.read(exitsBundle, manager);
            ModelUpdate.checkFits(m, trainingData, exitsBundle);
            ContinualNet net = BackboneNet.of(b.model().backbone());
            int classes = m.architecture().numClasses();
            int[] all = IntStream.range(0, classes).toArray();
            ImageSet empty = new ImageSet(new byte[0], new int[0], trainingData.rows(), trainingData.cols());
            Experience exp = new Experience(0, all, trainingData, empty, empty);
            Scenario scenario = new Scenario(Scenario.CLASS_IL, List.of(exp, new Experience(1, new int[0], empty, empty, empty)), classes);
            ContinualConfig ccfg = ContinualConfig.builder().optScenario(Scenario.CLASS_IL).optExperiences(2).optStrategies(List.of("replay"))
                    .optMemory(memoryCapacity).optExperts(1).build();
            ComputeMeter meter = new ComputeMeter(m.architecture().build().macs().total());
            LearningContext ctx = new LearningContext(scenario, ccfg, manager, m.normalization(), meter, List.of());
            ReplayPlugin memory = new ReplayPlugin(memoryCapacity);
            memory.afterExperience(new ContinualPlugin.ExperienceEvent(exp, net, ctx));
            byte[] bytes = ReplayMemory.bytes(memory);
            double threshold = ExitsBundleInfo.of(m.extra(), exitsBundle).param();
            long macs = trainingMacs + meter.macs();
            Lineage lineage = new Lineage(1, null, classes, m.classNames(), "initial", macs, macs, threshold, rule, ruleValue,
                    ReplayPlugin.FILE, ModelBundle.sha256(bytes), memory.memory().size(), memoryCapacity);
            ModelBundle.write(outDir, b.model(), m.withLineage(lineage), Map.of(ReplayPlugin.FILE, bytes));
            return ModelBundle.readManifest(outDir);
        }
    }
}
