package io.zerowaste.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.Normalization;
import io.zerowaste.nn.engine.Engines;
import io.zerowaste.nn.engine.Precision;
import io.zerowaste.nn.eval.Batches;
import io.zerowaste.nn.model.ArchitectureSpec;
import io.zerowaste.nn.model.InferenceStages;
import io.zerowaste.nn.model.StagedBackbone;
import org.junit.jupiter.api.Test;

/**
 * ResNet-14's bf16 inference form (scripted functions compiled by libtorch from archives written in Java)
 * against its fp32 form, on the fixture's 200 test images. bfloat16 keeps 8 significant bits (relative
 * rounding 2⁻⁹ ≈ 0.2 %), so each stage's output may differ from fp32 by a few tenths of a percent per
 * layer, compounding over the stages. Stated tolerance: per stage, mean |Δ| ≤ 2 % of the fp32 output's mean
 * magnitude and max |Δ| ≤ 3 % of its largest; logits within 5 % of their largest magnitude. Both forms must also differ
 * at all (a bf16 form that silently ran fp32 would match to 1e-6).
 */
class Bf16InferenceTest {

    @Test
    void bf16StagesFollowFp32WithinTheStatedTolerance() {
        Engines.pytorch();
        Engines.seed(5);
        Dataset data = Fixture.load();
        try (NDManager manager = NDManager.newBaseManager()) {
            StagedBackbone b = ResNet14BlockTest.SPEC.build();
            b.initialize(manager, DataType.FLOAT32, ResNet14BlockTest.SPEC.inputShape());
            for (Pair<String, Parameter> p : b.getParameters()) {
                NDArray a = p.getValue().getArray();
                if (p.getKey().endsWith("runningVar")) {
                    a.set(manager.randomUniform(0.5f, 2f, a.getShape()).toFloatArray());
                } else if (p.getKey().endsWith("beta")) {
                    a.set(manager.randomNormal(0f, 0.2f, a.getShape(), DataType.FLOAT32).toFloatArray());
                }
            }
            InferenceStages fp32 = b.inferenceStages(manager, Precision.FP32);
            InferenceStages bf16 = b.inferenceStages(manager, Precision.BF16);
            BatchAssembler test = new BatchAssembler(data.test(), Normalization.fit(data.train()));
            NDArray x = Batches.inOrder(manager, test, 0, data.test().size());
            NDArray h32 = x;
            NDArray h16 = x;
            double largestMeanDiff = 0;
            for (int i = 0; i < b.numStages(); i++) {
                h32 = fp32.runStage(i, h32);
                h16 = bf16.runStage(i, h16);
                assertThat(h16.getShape()).isEqualTo(h32.getShape());
                assertThat(h16.getDataType()).isEqualTo(DataType.FLOAT32);
                double[] d = diff(h16.toFloatArray(), h32.toFloatArray());
                assertThat(d[0]).as("stage %d mean |fp32|", i).isGreaterThan(0.05);
                assertThat(d[1] / d[0]).as("stage %d mean |Δ| / mean |fp32|", i).isLessThan(0.02);
                assertThat(d[2] / d[3]).as("stage %d max |Δ| / max |fp32|", i).isLessThan(0.03);
                largestMeanDiff = Math.max(largestMeanDiff, d[1] / d[0]);
            }
            assertThat(largestMeanDiff).as("bf16 actually computed in bf16").isGreaterThan(1e-4);
            float[] l32 = fp32.classify(h32).toFloatArray();
            float[] l16 = bf16.logits(x).toFloatArray();
            double scale = 0;
            for (float v : l32) {
                scale = Math.max(scale, Math.abs(v));
            }
            assertThat(diff(l16, l32)[2]).as("logits max |Δ|").isLessThan(0.05 * scale);
        }
    }

    /** Large colour images: the stem has stride 2 and a max pool, both inside the bf16 stage-0 function. */
    @Test
    void bf16FormFollowsTheStemsStrideAndMaxPool() {
        Engines.pytorch();
        Engines.seed(6);
        ArchitectureSpec spec = new ArchitectureSpec(ArchitectureSpec.RESNET14, 3, 72, 72, 10);
        try (NDManager manager = NDManager.newBaseManager()) {
            StagedBackbone b = spec.build();
            b.initialize(manager, DataType.FLOAT32, spec.inputShape());
            InferenceStages fp32 = b.inferenceStages(manager, Precision.FP32);
            InferenceStages bf16 = b.inferenceStages(manager, Precision.BF16);
            NDArray x = manager.randomNormal(new Shape(4, 3, 72, 72));
            NDArray h32 = fp32.runStage(0, x);
            NDArray h16 = bf16.runStage(0, x);
            assertThat(h16.getShape()).isEqualTo(h32.getShape());
            double[] d = diff(h16.toFloatArray(), h32.toFloatArray());
            assertThat(d[1] / d[0]).isLessThan(0.02);
            assertThat(d[2] / d[3]).isLessThan(0.03);
        }
    }

    /** Mean |want|, mean |got − want|, max |got − want|, max |want|. */
    private static double[] diff(float[] got, float[] want) {
        double mag = 0;
        double mean = 0;
        double max = 0;
        double top = 0;
        for (int k = 0; k < want.length; k++) {
            double d = Math.abs(got[k] - want[k]);
            mag += Math.abs(want[k]);
            mean += d;
            max = Math.max(max, d);
            top = Math.max(top, Math.abs(want[k]));
        }
        return new double[] {mag / want.length, mean / want.length, max, top};
    }
}
