package io.zerowaste.continual.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.zerowaste.continual.eval.ComputeMeter;
import io.zerowaste.continual.model.ContinualNet;
import io.zerowaste.continual.scenario.Scenario;
import io.zerowaste.continual.scenario.ScenarioBuilder;
import io.zerowaste.continual.strategy.LearningContext;
import io.zerowaste.core.config.ContinualConfig;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.DatasetLocator;
import io.zerowaste.core.data.Normalization;
import io.zerowaste.nn.engine.Engines;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Online EWC: the γ-decayed sum of per-experience Fishers (each normalised once to max 1) over its total weight. */
class EwcAccumulationTest {

    private static final double GAMMA = 0.5;

    @Test
    void accumulatedFisherIsDecayedOldPlusNormalisedNew() {
        Engines.pytorch();
        Dataset data = DatasetLocator.load(Path.of(System.getProperty("zerowaste.fixture")));
        ContinualConfig cfg = ContinualConfig.builder().optStrategies(List.of("ewc")).optBackbone("mlp").build();
        Scenario s = ScenarioBuilder.build("class-il", 5, data.train(), data.test(), 10, 0);
        try (NDManager manager = NDManager.newBaseManager()) {
            LearningContext ctx = new LearningContext(s, cfg, manager, Normalization.fit(s.get(0).train()), new ComputeMeter(1), List.of());
            ContinualNet net = ctx.freshNet("net");
            List<Parameter> params = EwcPlugin.trainable(net);
            EwcPlugin ewc = new EwcPlugin(1, GAMMA);

            ewc.afterExperience(new ContinualPlugin.ExperienceEvent(s.get(0), net, ctx));
            List<float[]> first = copies(ewc.fisher());
            params.forEach(p -> p.getArray().addi(0.05f)); // the weights move during the next experience

            ContinualPlugin.ExperienceEvent second = new ContinualPlugin.ExperienceEvent(s.get(1), net, ctx);
            List<NDArray> fresh = EwcPlugin.fisher(net, params, second);
            EwcPlugin.normaliseToUnitMax(fresh);
            List<float[]> newOne = copies(fresh);
            ewc.afterExperience(second);

            float maxNew = 0;
            for (int k = 0; k < params.size(); k++) {
                float[] got = ewc.fisher().get(k).toFloatArray();
                for (int i = 0; i < got.length; i++) {
                    float want = (float) ((GAMMA * first.get(k)[i] + newOne.get(k)[i]) / (GAMMA + 1));
                    assertThat(got[i]).isCloseTo(want, org.assertj.core.api.Assertions.within(1e-5f + 1e-4f * Math.abs(want)));
                    maxNew = Math.max(maxNew, newOne.get(k)[i]);
                }
            }
            assertThat(maxNew).isEqualTo(1f); // the new experience's Fisher alone is normalised

            // a third experience: weights γ², γ, 1 over their total 1.75; checked on the first parameter
            List<float[]> second2 = copies(ewc.fisher());
            ContinualPlugin.ExperienceEvent third = new ContinualPlugin.ExperienceEvent(s.get(2), net, ctx);
            List<NDArray> fresh3 = EwcPlugin.fisher(net, params, third);
            EwcPlugin.normaliseToUnitMax(fresh3);
            float[] f3 = fresh3.get(0).toFloatArray();
            ewc.afterExperience(third);
            float[] got3 = ewc.fisher().get(0).toFloatArray();
            for (int i = 0; i < got3.length; i++) {
                float want = (float) ((GAMMA * (GAMMA + 1) * second2.get(0)[i] + f3[i]) / (GAMMA * (GAMMA + 1) + 1));
                assertThat(got3[i]).isCloseTo(want, org.assertj.core.api.Assertions.within(1e-5f + 1e-4f * Math.abs(want)));
            }
        }
    }

    private static List<float[]> copies(List<NDArray> arrays) {
        List<float[]> out = new ArrayList<>();
        arrays.forEach(a -> out.add(a.toFloatArray()));
        return out;
    }
}
