package io.zerowaste.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.initializer.ConstantInitializer;
import io.zerowaste.nn.engine.Engines;
import io.zerowaste.nn.train.AdamOptimizer;
import io.zerowaste.nn.train.LrSchedule;
import io.zerowaste.nn.train.Optimizer;
import io.zerowaste.nn.train.SgdOptimizer;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptimizerTest {

    /** One parameter w = [1, 2] with loss Σ c·w, so the gradient is c. */
    static Parameter param(NDManager m) {
        Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT)
                .optInitializer(new ConstantInitializer(0)).optShape(new Shape(2)).build();
        p.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32);
        p.getArray().set(new float[] {1f, 2f});
        return p;
    }

    static void backward(NDManager m, Parameter p, float[] c) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(p.getArray().mul(m.create(c)).sum());
        }
    }

    @Test
    void sgdNesterovMatchesTheHandComputedSteps() {
        Engines.pytorch();
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter p = param(m);
            Optimizer sgd = new SgdOptimizer(List.of(p), m, 0.9f, 0.1f);
            backward(m, p, new float[] {1f, 1f});
            sgd.step(0.5f);
            // d = 1 + 0.1·1 = 1.1; b = 1.1; w = 1 − 0.5·(1.1 + 0.9·1.1) = −0.045 (second: d = 1.2 → 2 − 0.5·2.28 = 0.86)
            assertThat(p.getArray().toFloatArray()).containsExactly(new float[] {-0.045f, 0.86f}, within(1e-5f));
            assertThat(p.getArray().getGradient().toFloatArray()).containsExactly(0f, 0f);
            backward(m, p, new float[] {1f, 0f});
            sgd.step(0.5f);
            // d = 1 − 0.0045 = 0.9955; b = 0.99 + 0.9955 = 1.9855; w = −0.045 − 0.5·(0.9955 + 1.78695) = −1.436225
            assertThat(p.getArray().toFloatArray()[0]).isCloseTo(-1.436225f, within(1e-5f));
        }
    }

    @Test
    void adamFirstStepMovesEachWeightByTheLearningRate() {
        Engines.pytorch();
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter p = param(m);
            Optimizer adam = new AdamOptimizer(List.of(p), m, 0.9f, 0.999f, 1e-8f, 0f);
            backward(m, p, new float[] {3f, -0.5f});
            adam.step(0.01f);
            // bias-corrected m̂ = g, v̂ = g², so the step is lr·sign(g)
            assertThat(p.getArray().toFloatArray()).containsExactly(new float[] {0.99f, 2.01f}, within(1e-5f));
        }
    }

    @Test
    void stateRoundTripContinuesIdentically() {
        Engines.pytorch();
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter a = param(m);
            Parameter b = param(m);
            Optimizer oa = new AdamOptimizer(List.of(a), m, 0.9f, 0.999f, 1e-8f, 0f);
            Optimizer ob = new AdamOptimizer(List.of(b), m, 0.9f, 0.999f, 1e-8f, 0f);
            backward(m, a, new float[] {1f, 2f});
            oa.step(0.1f);
            b.getArray().set(a.getArray().toFloatArray());
            ob.loadState(NDList.decode(m, oa.saveState().encode()));
            backward(m, a, new float[] {-1f, 4f});
            backward(m, b, new float[] {-1f, 4f});
            oa.step(0.1f);
            ob.step(0.1f);
            assertThat(b.getArray().toFloatArray()).containsExactly(a.getArray().toFloatArray());
        }
    }

    @Test
    void oneCycleWarmsUpPeaksAndAnneals() {
        LrSchedule s = LrSchedule.oneCycle(0.1);
        assertThat(s.at(0, 100)).isCloseTo(0.004, within(1e-9));
        assertThat(s.at(25, 100)).isCloseTo(0.1, within(1e-9));
        assertThat(s.at(100, 100)).isCloseTo(0.1 / 2500, within(1e-9));
        assertThat(s.at(60, 100)).isLessThan(s.at(40, 100));
        LrSchedule c = LrSchedule.cosine(1);
        assertThat(c.at(50, 100)).isCloseTo(0.5, within(1e-9));
    }
}
