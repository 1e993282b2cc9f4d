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
import io.zerowaste.nn.model.InferenceStages;
import io.zerowaste.nn.model.ResNet14Block;
import io.zerowaste.nn.model.StagedBackbone;
import io.zerowaste.nn.model.StemLayout;
import org.junit.jupiter.api.Test;

/** ResNet-14 on other inputs than 1×28×28: channels in the stem, the stem's stride chosen by size, MACs for the shape. */
class ResNet14InputShapesTest {

    static ArchitectureSpec spec(int c, int side) {
        return new ArchitectureSpec("resnet14", c, side, side, 10);
    }

    @Test
    void theStemStrideFollowsTheSize() {
        assertThat(StemLayout.forInput(28, 28)).isEqualTo(new StemLayout(1, false));
        assertThat(StemLayout.forInput(32, 32)).isEqualTo(new StemLayout(1, false));
        assertThat(StemLayout.forInput(33, 20)).isEqualTo(new StemLayout(2, false));
        assertThat(StemLayout.forInput(64, 64)).isEqualTo(new StemLayout(2, false));
        assertThat(StemLayout.forInput(65, 65)).isEqualTo(new StemLayout(2, true));
        assertThat(StemLayout.forInput(224, 224).out(224)).isEqualTo(56); // 224 → 112 (conv) → 56 (pool), as ResNets do
    }

    @Test
    void macsFor3x32x32AreComputedForThatShape() {
        MacReport m = spec(3, 32).build().macs();
        // stem 3·16·9·32·32 = 442,368; block 16→16 at 32×32: 2·16·16·9·1024 = 4,718,592
        // stride-2 block 16→32 to 16×16: 16·32·9·256 + 32·32·9·256 + 16·32·256 = 3,670,016; 32→32 at 16×16: 4,718,592
        // stride-2 block 32→64 to 8×8: 32·64·9·64 + 64·64·9·64 + 32·64·64 = 3,670,016; 64→64 at 8×8: 4,718,592
        assertThat(m.stageMacs()).containsExactly(5_160_960L, 4_718_592L, 3_670_016L, 4_718_592L, 3_670_016L, 4_718_592L);
        assertThat(m.classifierMacs()).isEqualTo(640L);
        assertThat(m.total()).isEqualTo(26_657_408L);
    }

    @Test
    void a64PixelInputCostsWhatA32PixelOneDoesAfterTheStridedStem() {
        StagedBackbone b = spec(3, 64).build();
        assertThat(b.macs().stageMacs()).isEqualTo(spec(3, 32).build().macs().stageMacs()); // the stem conv runs at 32×32 output
        assertThat(b.stageOutputShape(0)).containsExactly(16, 32, 32);
        assertThat(b.stageOutputShape(5)).containsExactly(64, 8, 8);
    }

    @Test
    void a96PixelInputIsPooledAndEveryFormAgrees() {
        Engines.pytorch();
        Engines.seed(3);
        ArchitectureSpec s = spec(3, 96);
        try (NDManager manager = NDManager.newBaseManager()) {
            ResNet14Block b = (ResNet14Block) s.build();
            assertThat(b.stem()).isEqualTo(new StemLayout(2, true));
            assertThat(b.macs().uncounted()).contains("stem max pool");
            // stem 3·16·9·48·48 (stride 2) then the first block at 24×24 (after the pool)
            assertThat(b.macs().stageMacs().get(0)).isEqualTo(3L * 16 * 9 * 48 * 48 + 2L * 16 * 16 * 9 * 24 * 24);
            b.initialize(manager, DataType.FLOAT32, s.inputShape());
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray x = manager.randomNormal(new Shape(2, 3, 96, 96));
            NDArray h = x;
            for (int i = 0; i < b.numStages(); i++) {
                h = b.forwardStage(ps, i, h, false);
                int[] want = b.stageOutputShape(i);
                assertThat(h.getShape()).isEqualTo(new Shape(2, want[0], want[1], want[2]));
            }
            assertThat(b.stageOutputShape(5)).containsExactly(64, 6, 6);
            float[] direct = b.classify(ps, h, false).toFloatArray();
            InferenceStages folded = b.inferenceStages(manager);
            NDArray f = x;
            for (int i = 0; i < folded.numStages(); i++) {
                f = folded.runStage(i, f);
            }
            float[] inference = folded.classify(f).toFloatArray();
            float[] full = b.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
            for (int i = 0; i < direct.length; i++) {
                assertThat(inference[i]).isCloseTo(direct[i], within(1e-3f));
                assertThat(full[i]).isCloseTo(direct[i], within(1e-5f));
            }
        }
    }
}
