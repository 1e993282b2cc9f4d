package io.zerowaste.lifecycle.update;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.zerowaste.nn.engine.Engines;
import io.zerowaste.nn.model.ArchitectureSpec;
import io.zerowaste.nn.model.StagedBackbone;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BalancedClassifierTest {

    /**
     * A classifier biased hard towards the newest class (as after replay's new-class-heavy batches) answers it for
     * everything; re-trained on balanced, separable features it must tell the three classes apart again.
     */
    @Test
    void retrainingOnBalancedFeaturesRemovesTheNewestClassBias() {
        Engines.pytorch();
        Engines.seed(3);
        try (NDManager manager = NDManager.newBaseManager()) {
            ArchitectureSpec spec = new ArchitectureSpec(ArchitectureSpec.RESNET14, 1, 28, 28, 3);
            StagedBackbone backbone = spec.build();
            backbone.initialize(manager, DataType.FLOAT32, spec.inputShape());
            NDArray w = param(backbone, "classifier_weight");
            NDArray b = param(backbone, "classifier_bias");
            int d = (int) w.getShape().get(1);
            try (NDArray biased = manager.create(new float[] {0, 0, 10})) {
                biased.copyTo(b);
            }
            Random r = new Random(1);
            int n = 300;
            float[][] f = new float[n][d];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = i % 3;
                for (int k = 0; k < d; k++) {
                    f[i][k] = (float) (0.3 * r.nextGaussian()) + (k % 3 == y[i] ? 1f : 0f);
                }
            }
            assertThat(accuracy(w, b, f, y, manager)).as("before").isLessThan(0.4);

            assertThat(BalancedClassifier.retrain(backbone, f, y, manager, 5)).isTrue();

            assertThat(accuracy(param(backbone, "classifier_weight"), param(backbone, "classifier_bias"), f, y, manager)).as("after")
                    .isGreaterThan(0.95);
        }
    }

    private static double accuracy(NDArray w, NDArray b, float[][] f, int[] y, NDManager manager) {
        float[] flat = new float[f.length * f[0].length];
        for (int i = 0; i < f.length; i++) {
            System.arraycopy(f[i], 0, flat, i * f[0].length, f[0].length);
        }
        try (NDArray x = manager.create(flat, new Shape(f.length, f[0].length)); NDArray logits = x.matMul(w.transpose()).add(b)) {
            long[] p = logits.argMax(1).toLongArray();
            int right = 0;
            for (int i = 0; i < p.length; i++) {
                right += p[i] == y[i] ? 1 : 0;
            }
            return (double) right / p.length;
        }
    }

    private static NDArray param(StagedBackbone backbone, String suffix) {
        for (Pair<String, Parameter> p : backbone.getParameters()) {
            if (p.getKey().endsWith(suffix)) {
                return p.getValue().getArray();
            }
        }
        throw new AssertionError("no " + suffix);
    }
}
