package io.zerowaste.exits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.zerowaste.exits.head.IcHeadBlock;
import io.zerowaste.exits.model.EarlyExitModel;
import io.zerowaste.nn.engine.Engines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A head's inference form gives the block's logits; training drops the model's forms so they never go stale. */
class HeadInferenceTest {

    @ParameterizedTest(name = "{0} channels, {1}x{1}, cascade {2}, non-negative input {3}")
    @CsvSource({
        "16, 28, false, true",  // SDN pool k5 s3 on 14×14
        "16, 28, true, false",  // with the head's own ReLU
        "32, 14, true, true",   // k4 s1 on 7×7
        "64, 7, true, true",    // a 4×4 map: the pool is the identity
        "8, 12, false, false",  // k3 s1 on 6×6
    })
    void inferenceFormGivesTheBlocksLogits(int channels, int side, boolean cascade, boolean nonNegative) {
        Engines.pytorch();
        Engines.seed(11);
        try (NDManager m = NDManager.newBaseManager()) {
            IcHeadBlock head = new IcHeadBlock(channels, 10, cascade, nonNegative);
            head.initialize(m, DataType.FLOAT32, new Shape(1, channels, side, side));
            for (Parameter p : head.getParameters().values()) {
                NDArray a = p.getArray();
                // far from the initial values: a ≠ 1 − a, γ ≠ 1, β ≠ 0, so a misplaced term shows
                a.set(p.getName().equals("alpha") ? m.create(new float[] {0.3f}).toFloatArray()
                        : m.randomNormal(a.getShape()).mul(0.5f).toFloatArray());
            }
            NDArray x = m.randomNormal(new Shape(6, channels, side, side));
            if (nonNegative) {
                x = x.abs();
            }
            NDArray previous = m.randomNormal(new Shape(6, 10)).mul(4f);
            NDArray expected = head.forward(new ParameterStore(m, false), x, cascade ? previous : null, false);
            var form = head.inferenceForm(m, side, side);
            NDArray plain = form.logits(x, previous);
            // the backbone's maps are channels-last: the same values in N×H×W×C memory order
            NDArray channelsLast = x.transpose(0, 2, 3, 1).duplicate().transpose(0, 3, 1, 2);
            NDArray fromChannelsLast = form.logits(channelsLast, previous);
            float scale = expected.abs().max().getFloat();
            assertThat(scale).isGreaterThan(0.1f);
            assertThat(expected.sub(plain).abs().max().getFloat()).isLessThan(1e-5f * Math.max(1f, scale));
            assertThat(expected.sub(fromChannelsLast).abs().max().getFloat()).isLessThan(1e-5f * Math.max(1f, scale));
            // the exiting path: the features' logits natively, the cascade term in Java, sample by sample
            float[] perSample = form.featureLogits(x).toFloatArray();
            float[] prev = previous.toFloatArray();
            assertThat(form.hasCascade()).isEqualTo(cascade);
            if (cascade) {
                for (int r = 0; r < 6; r++) {
                    form.addCascade(java.util.Arrays.copyOfRange(prev, r * 10, r * 10 + 10), perSample, r * 10);
                }
            }
            float[] want = expected.toFloatArray();
            for (int k = 0; k < want.length; k++) {
                assertThat(perSample[k]).isCloseTo(want[k], within(1e-5f * Math.max(1f, scale)));
            }
        }
    }

    @Test
    void aTrainingPassDropsTheModelsHeadForms() {
        Engines.pytorch();
        Engines.seed(5);
        try (NDManager m = NDManager.newBaseManager()) {
            EarlyExitModel model = new EarlyExitModel(ExitsModelTest.SPEC.build(), true, false);
            model.initialize(m, DataType.FLOAT32, ExitsModelTest.SPEC.inputShape());
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomNormal(new Shape(3, 1, 28, 28));
            float before = model.forwardExits(ps, x, false).get(0).getFloat(0, 0);
            NDArray bias = model.head(0).getParameters().get("03linear_bias").getArray();
            bias.set(bias.add(1f).toFloatArray()); // stands in for an optimizer step
            model.forwardExits(ps, x, true);
            NDList after = model.forwardExits(ps, x, false);
            assertThat(after.get(0).getFloat(0, 0)).isCloseTo(before + 1f, within(1e-4f));
        }
    }
}
