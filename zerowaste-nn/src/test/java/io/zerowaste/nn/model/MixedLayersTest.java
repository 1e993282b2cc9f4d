package io.zerowaste.nn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.zerowaste.nn.bundle.ModelBundle;
import io.zerowaste.nn.engine.Engines;
import io.zerowaste.nn.engine.Precision;
import org.junit.jupiter.api.Test;

/**
 * The precision-aware building blocks. In fp32 they are DJL's blocks, bit for bit (outputs and saved bytes). In
 * bf16 they agree with fp32 to bf16's 8 significant bits (relative error ≤ 2 % on the largest output; measured
 * ≤ 0.5 %), and autograd gives their fp32 parameters fp32 gradients: the bias, added in fp32, gets exactly
 * fp32's gradient.
 */
class MixedLayersTest {

    @Test
    void inFp32AMixedLinearIsDjlsLinearBitForBit() {
        Engines.pytorch();
        try (NDManager m = NDManager.newBaseManager()) {
            Linear plain = Linear.builder().setUnits(24).build();
            MixedLinear mixed = new MixedLinear(24);
            NDArray x = init(m, plain, mixed, new Shape(5, 7, 40));
            assertThat(forward(mixed, m, x).toFloatArray()).containsExactly(forward(plain, m, x).toFloatArray());
            assertThat(ModelBundle.serialize(mixed)).isEqualTo(ModelBundle.serialize(plain));
        }
    }

    @Test
    void inFp32AMixedConvolutionIsDjlsConv2dBitForBit() {
        Engines.pytorch();
        try (NDManager m = NDManager.newBaseManager()) {
            Conv2d plain = Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(8).optPadding(new Shape(1, 1)).optBias(false).build();
            MixedConv2d mixed = new MixedConv2d(3, 8, 1);
            NDArray x = init(m, plain, mixed, new Shape(4, 3, 12, 12));
            assertThat(forward(mixed, m, x).toFloatArray()).containsExactly(forward(plain, m, x).toFloatArray());
            assertThat(ModelBundle.serialize(mixed)).isEqualTo(ModelBundle.serialize(plain));
        }
    }

    @Test
    void aBf16LinearAgreesWithFp32AndGivesFp32Gradients() {
        Engines.pytorch();
        Engines.seed(3);
        try (NDManager m = NDManager.newBaseManager()) {
            MixedLinear layer = new MixedLinear(32);
            layer.initialize(m, DataType.FLOAT32, new Shape(6, 9, 64));
            NDArray x = m.randomNormal(new Shape(6, 9, 64));
            NDArray r = m.randomNormal(new Shape(6, 9, 32)); // loss = Σ y·r: the gradient reaching y is r in both precisions
            float[][] fp32 = step(layer, m, x, r, Precision.FP32);
            float[][] bf16 = step(layer, m, x, r, Precision.BF16);
            assertClose(bf16[0], fp32[0], 0.02);
            assertThat(bf16[0]).isNotEqualTo(fp32[0]); // really computed in bf16
            assertClose(bf16[1], fp32[1], 0.02); // weight gradient: rᵀ·x in bf16
            assertThat(bf16[2]).containsExactly(fp32[2]); // bias gradient Σ r, in fp32
            assertThat(layer.getParameters().get("weight").getArray().getGradient().getDataType()).isEqualTo(DataType.FLOAT32);
        }
    }

    @Test
    void aBf16ConvolutionAndMatMulAgreeWithFp32() {
        Engines.pytorch();
        Engines.seed(4);
        try (NDManager m = NDManager.newBaseManager()) {
            MixedConv2d conv = new MixedConv2d(3, 16, 1);
            conv.initialize(m, DataType.FLOAT32, new Shape(2, 3, 10, 10));
            NDArray x = m.randomNormal(new Shape(2, 3, 10, 10));
            float[] fp32 = forward(conv, m, x).toFloatArray();
            conv.setPrecision(Precision.BF16);
            float[] bf16 = forward(conv, m, x).toFloatArray();
            assertClose(bf16, fp32, 0.02);
            assertThat(bf16).isNotEqualTo(fp32);

            NDArray a = m.randomNormal(new Shape(2, 3, 5, 16));
            NDArray b = m.randomNormal(new Shape(2, 3, 16, 7));
            assertClose(MixedMatMul.apply(Precision.BF16, a, b).toFloatArray(), MixedMatMul.apply(Precision.FP32, a, b).toFloatArray(), 0.02);
            assertThat(MixedMatMul.apply(Precision.FP32, a, b).toFloatArray()).containsExactly(a.matMul(b).toFloatArray());
        }
    }

    @Test
    void mixedPrecisionReachesNestedBlocksAndRefusesAuto() {
        SequentialBlock net = new SequentialBlock().add(new MixedConv2d(3, 4, 1))
                .add(new SequentialBlock().add(new MixedLinear(8)).add(Linear.builder().setUnits(2).build()));
        assertThat(MixedPrecision.set(net, Precision.BF16)).isEqualTo(2);
        assertThatThrownBy(() -> MixedPrecision.set(net, Precision.AUTO)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Initialises both blocks, gives {@code b} {@code a}'s parameter values, returns an input of {@code shape}. */
    private static NDArray init(NDManager m, Block a, Block b, Shape shape) {
        Engines.seed(5);
        a.initialize(m, DataType.FLOAT32, shape);
        b.initialize(m, DataType.FLOAT32, shape);
        for (int k = 0; k < a.getParameters().size(); k++) {
            a.getParameters().valueAt(k).getArray().copyTo(b.getParameters().valueAt(k).getArray());
        }
        return m.randomNormal(shape);
    }

    private static NDArray forward(Block block, NDManager m, NDArray x) {
        return block.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
    }

    /** {output, weight gradient, bias gradient} of one forward and backward pass of loss Σ y·r. */
    private static float[][] step(MixedLinear layer, NDManager m, NDArray x, NDArray r, Precision p) {
        layer.setPrecision(p);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = layer.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
            gc.backward(y.mul(r).sum());
            return new float[][] {y.toFloatArray(), layer.getParameters().get("weight").getArray().getGradient().toFloatArray(),
                    layer.getParameters().get("bias").getArray().getGradient().toFloatArray()};
        } finally {
            layer.getParameters().values().forEach(q -> q.getArray().getGradient().subi(q.getArray().getGradient()));
        }
    }

    /** Every |a − b| within {@code share} of the largest |b|. */
    private static void assertClose(float[] a, float[] b, double share) {
        double max = 0;
        double worst = 0;
        for (int i = 0; i < b.length; i++) {
            max = Math.max(max, Math.abs(b[i]));
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        System.out.printf("bf16 vs fp32: max |Δ| %.3g = %.3f %% of max |fp32| %.3g%n", worst, 100 * worst / max, max);
        assertThat(worst).isLessThanOrEqualTo(share * max);
    }
}
