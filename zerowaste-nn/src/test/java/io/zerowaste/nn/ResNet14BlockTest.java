package io.zerowaste.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.zerowaste.nn.engine.Engines;
import io.zerowaste.nn.macs.MacReport;
import io.zerowaste.nn.model.ArchitectureSpec;
import io.zerowaste.nn.model.StagedBackbone;
import org.junit.jupiter.api.Test;

class ResNet14BlockTest {

    static final ArchitectureSpec SPEC = new ArchitectureSpec("resnet14", 1, 28, 28, 10);

    @Test
    void macsMatchTheDesignFigure() {
        MacReport m = SPEC.build().macs();
        assertThat(m.total()).isEqualTo(20_183_936L);
        // stage 0 = stem (1·16·9·784) + block 16→16; stride-2 blocks add a 1×1 shortcut
        assertThat(m.stageMacs()).containsExactly(3_725_568L, 3_612_672L, 2_809_856L, 3_612_672L, 2_809_856L, 3_612_672L);
        assertThat(m.classifierMacs()).isEqualTo(640L);
        assertThat(m.upToStage(1)).isEqualTo(3_725_568L + 3_612_672L);
    }

    @Test
    void stagesYieldTheExpectedFeatureMapsAndComposeToForward() {
        Engines.pytorch();
        Engines.seed(1);
        try (NDManager manager = NDManager.newBaseManager()) {
            StagedBackbone b = SPEC.build();
            b.initialize(manager, DataType.FLOAT32, SPEC.inputShape());
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray x = manager.randomNormal(new Shape(3, 1, 28, 28));
            NDArray h = x;
            int[][] expected = {{16, 28, 28}, {16, 28, 28}, {32, 14, 14}, {32, 14, 14}, {64, 7, 7}, {64, 7, 7}};
            for (int i = 0; i < b.numStages(); i++) {
                h = b.forwardStage(ps, i, h, false);
                assertThat(h.getShape()).isEqualTo(new Shape(3, expected[i][0], expected[i][1], expected[i][2]));
                assertThat(b.stageOutputShape(i)).containsExactly(expected[i]);
            }
            NDArray staged = b.classify(ps, h, false);
            NDArray full = b.forward(ps, new NDList(x), false).singletonOrThrow();
            assertThat(full.getShape()).isEqualTo(new Shape(3, 10));
            float[] a = staged.toFloatArray();
            float[] c = full.toFloatArray();
            for (int i = 0; i < a.length; i++) {
                assertThat(a[i]).isCloseTo(c[i], within(1e-5f));
            }
        }
    }
}
