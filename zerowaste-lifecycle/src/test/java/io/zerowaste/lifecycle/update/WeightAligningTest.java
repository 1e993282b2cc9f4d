package io.zerowaste.lifecycle.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.zerowaste.nn.engine.Engines;
import io.zerowaste.nn.model.ArchitectureSpec;
import io.zerowaste.nn.model.StagedBackbone;
import org.junit.jupiter.api.Test;

class WeightAligningTest {

    @Test
    void newClassRowsTakeTheOldRowsMeanNormAndOldRowsStayAsTheyWere() {
        Engines.pytorch();
        Engines.seed(7);
        try (NDManager manager = NDManager.newBaseManager()) {
            ArchitectureSpec spec = new ArchitectureSpec(ArchitectureSpec.RESNET14, 1, 28, 28, 5);
            StagedBackbone backbone = spec.build();
            backbone.initialize(manager, DataType.FLOAT32, spec.inputShape());
            NDArray w = classifier(backbone);
            int cols = (int) w.getShape().get(1);
            float[] before = w.toFloatArray();
            for (int i = 3 * cols; i < before.length; i++) {
                before[i] *= 4; // the two new classes' rows grew 4×
            }
            try (NDArray grown = manager.create(before, w.getShape())) {
                grown.copyTo(w);
            }

            Double gamma = WeightAligning.align(backbone, 3);

            float[] after = classifier(backbone).toFloatArray();
            assertThat(gamma).isNotNull().isBetween(0.2, 0.3);
            for (int i = 0; i < 3 * cols; i++) {
                assertThat(after[i]).isEqualTo(before[i]);
            }
            for (int i = 3 * cols; i < after.length; i++) {
                assertThat(after[i]).isCloseTo((float) (before[i] * gamma), within(1e-6f));
            }
            assertThat(meanNorm(after, cols, 3, 5)).isCloseTo(meanNorm(after, cols, 0, 3), within(1e-4));
            assertThat(WeightAligning.align(backbone, 5)).as("no new class, nothing to align").isNull();
        }
    }

    private static NDArray classifier(StagedBackbone backbone) {
        for (Pair<String, Parameter> p : backbone.getParameters()) {
            if (p.getKey().endsWith("classifier_weight")) {
                return p.getValue().getArray();
            }
        }
        throw new AssertionError("no classifier_weight in " + backbone.getParameters().keys());
    }

    private static double meanNorm(float[] w, int cols, int from, int to) {
        double sum = 0;
        for (int r = from; r < to; r++) {
            double sq = 0;
            for (int c = 0; c < cols; c++) {
                sq += w[r * cols + c] * w[r * cols + c];
            }
            sum += Math.sqrt(sq);
        }
        return sum / (to - from);
    }
}
