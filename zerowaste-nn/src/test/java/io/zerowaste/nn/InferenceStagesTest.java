package io.zerowaste.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.zerowaste.nn.engine.Engines;
import io.zerowaste.nn.model.InferenceStages;
import io.zerowaste.nn.model.StagedBackbone;
import org.junit.jupiter.api.Test;

/** The folded, channels-last inference form gives the trained network's outputs, stage by stage. */
class InferenceStagesTest {

    @Test
    void foldedStagesEqualTheTrainedStagesInInferenceMode() {
        Engines.pytorch();
        Engines.seed(3);
        try (NDManager manager = NDManager.newBaseManager()) {
            StagedBackbone b = ResNet14BlockTest.SPEC.build();
            b.initialize(manager, DataType.FLOAT32, ResNet14BlockTest.SPEC.inputShape());
            // batch-norm statistics far from the initial 0/1, so a wrong fold could not hide
            for (Pair<String, Parameter> p : b.getParameters()) {
                NDArray a = p.getValue().getArray();
                String name = p.getKey();
                if (name.endsWith("runningVar")) {
                    a.set(manager.randomUniform(0.2f, 3f, a.getShape()).toFloatArray());
                } else if (name.endsWith("runningMean") || name.endsWith("beta")) {
                    a.set(manager.randomNormal(0f, 0.5f, a.getShape(), DataType.FLOAT32).toFloatArray());
                } else if (name.endsWith("gamma")) {
                    a.set(manager.randomUniform(0.5f, 1.5f, a.getShape()).toFloatArray());
                }
            }
            ParameterStore ps = new ParameterStore(manager, false);
            InferenceStages folded = b.inferenceStages(manager);
            NDArray x = manager.randomNormal(new Shape(5, 1, 28, 28));
            NDArray plain = x;
            NDArray fast = x;
            for (int i = 0; i < b.numStages(); i++) {
                plain = b.forwardStage(ps, i, plain, false);
                fast = folded.runStage(i, fast);
                assertThat(fast.getShape()).isEqualTo(plain.getShape());
                assertClose(fast.toFloatArray(), plain.toFloatArray(), "stage " + i);
            }
            assertClose(folded.logits(x).toFloatArray(), b.classify(ps, plain, false).toFloatArray(), "logits");
        }
    }

    private static void assertClose(float[] got, float[] want, String what) {
        assertThat(got).hasSameSizeAs(want);
        float scale = 0;
        for (float w : want) {
            scale = Math.max(scale, Math.abs(w));
        }
        assertThat(scale).as(what + " is not trivially zero").isGreaterThan(0.1f);
        for (int i = 0; i < got.length; i++) {
            assertThat(got[i]).as(what + " at " + i).isCloseTo(want[i], within(1e-4f * scale));
        }
    }
}
