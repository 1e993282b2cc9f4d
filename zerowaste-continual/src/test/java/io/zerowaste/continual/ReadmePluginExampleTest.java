package io.zerowaste.continual;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.zerowaste.continual.eval.AccuracyEvaluator;
import io.zerowaste.continual.eval.ComputeMeter;
import io.zerowaste.continual.plugin.ContinualPlugin;
import io.zerowaste.continual.scenario.Scenario;
import io.zerowaste.continual.scenario.ScenarioBuilder;
import io.zerowaste.continual.strategy.LearningContext;
import io.zerowaste.continual.strategy.ModelStrategy;
import io.zerowaste.continual.strategy.Strategy;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.Normalization;
import io.zerowaste.nn.engine.Engines;
import io.zerowaste.nn.train.Scalars;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plugin shown in the README, kept compiling and working. */
class ReadmePluginExampleTest {

    static final class L2AnchorPlugin implements ContinualPlugin {
        private final float lambda;
        private List<NDArray> anchor; // weights after the previous experience
        int penalties;

        L2AnchorPlugin(float lambda) {
            this.lambda = lambda;
        }

        @Override
        public NDArray penalty(StepEvent e) {
            if (anchor == null) {
                return null;
            }
            penalties++;
            List<Parameter> params = e.experience().net().getParameters().values();
            NDArray sum = null;
            for (int k = 0; k < params.size(); k++) {
                NDArray d = params.get(k).getArray().sub(anchor.get(k));
                NDArray term = d.mul(d).sum();
                sum = sum == null ? term : sum.add(term);
            }
            return Scalars.times(sum, lambda); // not sum.mul(lambda): see Scalars
        }

        @Override
        public void afterExperience(ExperienceEvent e) {
            NDManager store = e.context().manager();
            anchor = new ArrayList<>();
            for (Parameter p : e.net().getParameters().values()) {
                NDArray copy = p.getArray().stopGradient().duplicate();
                copy.attach(store);
                anchor.add(copy);
            }
        }
    }

    @Test
    void theReadmePluginJoinsAStrategyAndLearns() {
        Engines.pytorch();
        Dataset data = Fixture.load();
        Scenario s = ScenarioBuilder.build("class-il", 5, data.train(), data.test(), 10, 0);
        L2AnchorPlugin plugin = new L2AnchorPlugin(0.1f);
        try (NDManager manager = NDManager.newBaseManager();
                Strategy l2 = new ModelStrategy("l2-anchor", List.of(plugin))) {
            Normalization norm = Normalization.fit(s.get(0).train());
            LearningContext ctx = new LearningContext(s, Fixture.config("class-il", List.of("finetune"), "mlp"), manager, norm,
                    new ComputeMeter(1), List.of());
            l2.learn(s.get(0), ctx);
            assertThat(plugin.penalties).isZero();
            l2.learn(s.get(1), ctx);
            assertThat(plugin.penalties).isPositive();
            double[] row = new AccuracyEvaluator(s, manager, norm).row(l2, 1, false);
            assertThat(row[1]).isGreaterThan(0.5); // it learnt the new experience's two classes
        }
    }
}
