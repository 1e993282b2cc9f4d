package io.zerowaste.continual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.zerowaste.continual.eval.ComputeMeter;
import io.zerowaste.continual.model.ContinualNet;
import io.zerowaste.continual.plugin.ContinualPlugin;
import io.zerowaste.continual.plugin.EwcPlugin;
import io.zerowaste.continual.plugin.LwfPlugin;
import io.zerowaste.continual.scenario.Scenario;
import io.zerowaste.continual.scenario.ScenarioBuilder;
import io.zerowaste.continual.strategy.LearningContext;
import io.zerowaste.continual.strategy.TrainingMask;
import io.zerowaste.core.config.ContinualConfig;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.Normalization;
import io.zerowaste.nn.engine.Engines;
import java.util.List;
import org.junit.jupiter.api.Test;

class EwcPluginTest {

    private static final double LAMBDA = 7;

    @Test
    void penaltyIsZeroAtTheAnchorAndGrowsAsHalfLambdaFisherDeltaSquared() {
        Engines.pytorch();
        Dataset data = Fixture.load();
        ContinualConfig cfg = Fixture.config("class-il", List.of("ewc"), "mlp");
        Scenario s = ScenarioBuilder.build("class-il", 5, data.train(), data.test(), 10, 0);
        try (NDManager manager = NDManager.newBaseManager()) {
            LearningContext ctx = new LearningContext(s, cfg, manager, Normalization.fit(s.get(0).train()), new ComputeMeter(1), List.of());
            ContinualNet net = ctx.freshNet("net");
            EwcPlugin ewc = new EwcPlugin(LAMBDA, 1);
            ContinualPlugin.ExperienceEvent exp = new ContinualPlugin.ExperienceEvent(s.get(0), net, ctx);
            ewc.afterExperience(exp); // Fisher on experience 0, anchor = current weights
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray x = manager.zeros(new ai.djl.ndarray.types.Shape(1, 1, 28, 28));
            ContinualPlugin.StepEvent step = new ContinualPlugin.StepEvent(ps, x, new int[] {0}, null,
                    TrainingMask.forExperience(s, 1), 0, new ContinualPlugin.ExperienceEvent(s.get(1), net, ctx));
            assertThat(ewc.penalty(step).getFloat()).isCloseTo(0f, within(1e-9f));

            // move every weight by δ = 0.01: penalty = λ/2 · δ² · ΣF
            List<Parameter> params = net.getParameters().values().stream().filter(Parameter::requiresGradient).toList();
            float fisherMax = 0;
            for (NDArray f : ewc.fisher()) {
                fisherMax = Math.max(fisherMax, f.max().getFloat());
            }
            assertThat(fisherMax).isCloseTo(1f, within(1e-6f)); // scaled so λ is the largest curvature
            double fisherSum = 0;
            for (int k = 0; k < params.size(); k++) {
                params.get(k).getArray().addi(0.01f);
                fisherSum += ewc.fisher().get(k).sum().getFloat();
            }
            assertThat(fisherSum).isPositive();
            double expected = LAMBDA / 2 * 1e-4 * fisherSum;
            assertThat((double) ewc.penalty(step).getFloat()).isCloseTo(expected, within(expected * 1e-3));
            // twice the distance, four times the penalty
            params.forEach(p -> p.getArray().addi(0.01f));
            assertThat((double) ewc.penalty(step).getFloat()).isCloseTo(4 * expected, within(expected * 4e-3));
        }
    }

    @Test
    void distillationIsZeroForEqualLogitsAndMatchesAHandComputedKl() {
        Engines.pytorch();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray mask = m.create(TrainingMask.additive(new boolean[] {true, true, false}));
            NDArray z = m.create(new float[] {1, 2, 9}, new ai.djl.ndarray.types.Shape(1, 3));
            assertThat(LwfPlugin.distillation(z, z, mask, 2).getFloat()).isCloseTo(0f, within(1e-6f));
            NDArray zNew = m.create(new float[] {2, 0, -5}, new ai.djl.ndarray.types.Shape(1, 3));
            // old: softmax([0.5, 1]) ; new: softmax([1, 0]); class 2 is masked out
            double[] p = softmax(0.5, 1);
            double[] q = softmax(1, 0);
            double kl = p[0] * Math.log(p[0] / q[0]) + p[1] * Math.log(p[1] / q[1]);
            assertThat((double) LwfPlugin.distillation(zNew, z, mask, 2).getFloat()).isCloseTo(4 * kl, within(1e-5));
        }
    }

    private static double[] softmax(double a, double b) {
        double ea = Math.exp(a);
        double eb = Math.exp(b);
        return new double[] {ea / (ea + eb), eb / (ea + eb)};
    }
}
