package io.zerowaste.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.zerowaste.nn.engine.Engines;
import io.zerowaste.nn.train.Scalars;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A constant factor keeps its value until the backward pass even when the garbage collector runs and the
 * freed memory is reused in between (DJL's {@code x.mul(0.5f)} does not: see {@link Scalars}).
 */
class ScalarsTest {

    @Test
    void theGradientOfAScaledTensorIsTheFactorAfterGarbageCollection() {
        Engines.pytorch();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1f, 2f, 3f});
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = Scalars.dividedBy(Scalars.times(x, 3.0), 0.5).sum();
                churnMemory(m);
                gc.backward(y);
                assertThat(y.getFloat()).isEqualTo(36f);
            }
            assertThat(x.getGradient().toFloatArray()).containsExactly(6f, 6f, 6f);
        }
    }

    /** Collects garbage and fills newly allocated native memory with a non-zero pattern. */
    private static void churnMemory(NDManager m) {
        for (int round = 0; round < 5; round++) {
            System.gc();
            List<ByteBuffer> junk = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(4);
                b.putFloat(0, 1e30f);
                junk.add(b);
            }
            try (NDManager tmp = m.newSubManager()) {
                for (int i = 0; i < 200; i++) {
                    tmp.create(new float[] {1e30f});
                }
            }
        }
    }
}
