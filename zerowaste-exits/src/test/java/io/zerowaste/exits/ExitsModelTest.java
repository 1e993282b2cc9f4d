package io.zerowaste.exits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.zerowaste.exits.head.SdnPoolBlock;
import io.zerowaste.exits.model.EarlyExitModel;
import io.zerowaste.exits.ztw.GeometricEnsembleBlock;
import io.zerowaste.nn.engine.Engines;
import io.zerowaste.nn.model.ArchitectureSpec;
import io.zerowaste.nn.train.Losses;
import org.junit.jupiter.api.Test;

class ExitsModelTest {

    static final ArchitectureSpec SPEC = new ArchitectureSpec("resnet14", 1, 28, 28, 10);

    @Test
    void ensembleMatchesAHandComputedExample() {
        Engines.pytorch();
        try (NDManager m = NDManager.newBaseManager()) {
            GeometricEnsembleBlock e = new GeometricEnsembleBlock(2, 3);
            e.initialize(m, DataType.FLOAT32, new Shape(1, 2, 3));
            for (Parameter p : e.getParameters().values()) {
                switch (p.getName()) {
                    case "w1" -> p.getArray().set(new float[] {(float) Math.log(2), 0f});
                    case "b1" -> p.getArray().set(new float[] {0.1f, 0f, -0.2f});
                    case "w0" -> assertThat(p.getArray().toFloatArray()[0]).isCloseTo(0f, within(0.05f)); // N(0, 0.01²)
                    default -> { }
                }
            }
            NDArray l0 = m.create(new float[] {-0.5f, -1f, -2f}, new Shape(1, 3));
            NDArray l1 = m.create(new float[] {-3f, -0.1f, -4f}, new Shape(1, 3));
            NDArray stacked = GeometricEnsembleBlock.append(GeometricEnsembleBlock.append(null, l0), l1);
            assertThat(stacked.getShape()).isEqualTo(new Shape(1, 2, 3));
            float[] s1 = e.combine(new ParameterStore(m, false), 1, stacked, false).toFloatArray();
            // s_1 = (1/2)(e^{ln 2}·l0 + e^0·l1) + b = ((-1 - 3)/2 + .1, (-2 - .1)/2, (-4 - 4)/2 - .2)
            assertThat(s1).containsExactly(new float[] {-1.9f, -1.05f, -4.2f}, within(1e-5f));
            // the exiting path's per-sample form of the same ensembles
            float[] java = new float[3];
            e.weights().combine(1, new float[] {-0.5f, -1f, -2f, -3f, -0.1f, -4f}, java, 0);
            assertThat(java).containsExactly(new float[] {-1.9f, -1.05f, -4.2f}, within(1e-5f));
        }
    }

    @Test
    void aTrainingPassDropsTheEnsemblesWeightSnapshot() {
        Engines.pytorch();
        try (NDManager m = NDManager.newBaseManager()) {
            GeometricEnsembleBlock e = new GeometricEnsembleBlock(1, 2);
            e.initialize(m, DataType.FLOAT32, new Shape(1, 1, 2));
            NDArray stacked = m.create(new float[] {-1f, -2f}, new Shape(1, 1, 2));
            float[] before = new float[2];
            e.weights().combine(0, new float[] {-1f, -2f}, before, 0);
            NDArray bias = e.getParameters().get("b0").getArray();
            bias.set(new float[] {1f, 1f}); // stands in for an optimizer step
            ParameterStore ps = new ParameterStore(m, false);
            e.combine(ps, 0, stacked, true);
            float[] after = new float[2];
            e.weights().combine(0, new float[] {-1f, -2f}, after, 0);
            assertThat(after[0]).isCloseTo(before[0] + 1f, within(1e-6f));
            assertThat(after).containsExactly(e.combine(ps, 0, stacked, false).toFloatArray(), within(1e-6f));
        }
    }

    @Test
    void cascadeInputPassesNoGradientToEarlierHeads() {
        Engines.pytorch();
        Engines.seed(3);
        try (NDManager m = NDManager.newBaseManager()) {
            EarlyExitModel model = new EarlyExitModel(SPEC.build(), true, false);
            model.initialize(m, DataType.FLOAT32, SPEC.inputShape());
            model.freezeBackbone();
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomNormal(new Shape(4, 1, 28, 28));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDList z = model.forwardExits(ps, x, true);
                gc.backward(Losses.crossEntropy(z.get(1), m.create(new int[] {0, 1, 2, 3})));
            }
            float head0 = 0;
            for (Parameter p : model.head(0).getParameters().values()) {
                for (float g : p.getArray().getGradient().toFloatArray()) {
                    head0 += Math.abs(g);
                }
            }
            float head1 = 0;
            for (Parameter p : model.head(1).getParameters().values()) {
                for (float g : p.getArray().getGradient().toFloatArray()) {
                    head1 += Math.abs(g);
                }
            }
            assertThat(head0).isZero();
            assertThat(head1).isPositive();
            assertThat(model.head(1).cascadeInput()).isTrue();
            assertThat(model.head(0).cascadeInput()).isFalse();
        }
    }

    @Test
    void headsShapesAndCosts() {
        Engines.pytorch();
        try (NDManager m = NDManager.newBaseManager()) {
            EarlyExitModel model = new EarlyExitModel(SPEC.build(), false, false);
            model.initialize(m, DataType.FLOAT32, SPEC.inputShape());
            NDList z = model.forwardExits(new ParameterStore(m, false), m.randomNormal(new Shape(2, 1, 28, 28)), false);
            assertThat(z).hasSize(6);
            z.forEach(a -> assertThat(a.getShape()).isEqualTo(new Shape(2, 10)));
            // conv C→C/2 stride 2 + linear (C/2·16 → 10): 16·8·9·14·14 + 128·10, …, 64·32·9·4·4 + 512·10
            assertThat(model.headMacs()).containsExactly(227_072L, 227_072L, 228_352L, 228_352L, 300_032L);
            double[] f = model.exitCostFractions();
            assertThat(f[0]).isCloseTo((3_725_568 + 227_072) / 20_183_936.0, within(1e-12));
            assertThat(f[5]).isCloseTo(1 + (227_072 * 2 + 228_352 * 2 + 300_032) / 20_183_936.0, within(1e-12));
            for (int i = 1; i < f.length; i++) {
                assertThat(f[i]).isGreaterThan(f[i - 1]);
            }
            EarlyExitModel cascade = new EarlyExitModel(SPEC.build(), true, false);
            assertThat(cascade.headMacs()[1]).isEqualTo(227_072L + 100); // ten more linear inputs
        }
        assertThat(SdnPoolBlock.window(14)).containsExactly(5, 3);
        assertThat(SdnPoolBlock.window(7)).containsExactly(4, 1);
        assertThat(SdnPoolBlock.window(4)).containsExactly(1, 1);
        assertThat(SdnPoolBlock.window(8)).containsExactly(2, 2);
    }
}
