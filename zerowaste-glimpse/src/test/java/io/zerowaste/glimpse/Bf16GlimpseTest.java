package io.zerowaste.glimpse;

import static io.zerowaste.core.testing.VectorMath.argmax;
import static io.zerowaste.core.testing.VectorMath.assertCloseButNotEqual;
import static io.zerowaste.core.testing.VectorMath.cosine;
import static io.zerowaste.core.testing.VectorMath.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.config.GlimpseConfig;
import io.zerowaste.core.config.TrainConfig;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.DatasetLocator;
import io.zerowaste.core.data.Normalization;
import io.zerowaste.core.io.Json;
import io.zerowaste.glimpse.app.GlimpseTraining;
import io.zerowaste.glimpse.geometry.GlimpseGrid;
import io.zerowaste.glimpse.model.GlimpseModel;
import io.zerowaste.glimpse.train.Episode;
import io.zerowaste.glimpse.train.GlimpseSubsets;
import io.zerowaste.nn.engine.CpuFeatures;
import io.zerowaste.nn.engine.Engines;
import io.zerowaste.nn.engine.Precision;
import io.zerowaste.nn.eval.Batches;
import io.zerowaste.nn.train.Losses;
import io.zerowaste.nn.train.Optimizer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mixed precision in the glimpse transformer, on the Fashion-MNIST fixture. Skipped where the CPU lacks native
 * bf16 dot products (oneDNN would emulate them: right, but slow).
 */
class Bf16GlimpseTest {

    private static final Path FIXTURE = Path.of(System.getProperty("zerowaste.fixture", "../zerowaste-core/src/test/resources/fashion-mnist-mini"));
    private static final GlimpseConfig D = GlimpseConfig.defaults();

    @TempDir
    Path tmp;

    @BeforeEach
    void needsBf16Units() {
        assumeTrue(CpuFeatures.detect().bf16DotProducts(), "the CPU has neither avx512_bf16 nor amx_bf16");
        Engines.pytorch();
    }

    /**
     * The 200 test images, each after 3 random glimpses, through a model trained 30 fp32 steps, then the same model
     * in bf16: the logits and the reconstruction differ by at most 5 % of their largest fp32 magnitude and 2 % on
     * average of their mean magnitude, AME's entropies by at most 2 % of the largest, and at most 3 % of the
     * images change class.
     */
    @Test
    void aBf16ForwardAgreesWithFp32OnTheFixture() {
        Dataset data = DatasetLocator.load(FIXTURE);
        Normalization norm = Normalization.fit(data.train());
        try (NDManager m = NDManager.newBaseManager()) {
            GlimpseModel model = model(m);
            train(model, m, new BatchAssembler(data.train(), norm), 30);
            NDArray patches = Episode.patches(Batches.inOrder(m, new BatchAssembler(data.test(), norm), 0, data.test().size()), model.grid());
            boolean[][] seen = GlimpseSubsets.draw(model.grid(), data.test().size(), 3, new Random(9));
            ParameterStore ps = new ParameterStore(m, false);
            GlimpseModel.Output fp32 = model.run(ps, patches, seen, false, true);
            assertThat(model.setPrecision(Precision.BF16)).as("blocks computing in bf16").isEqualTo(3 + 6 * 5);
            GlimpseModel.Output bf16 = model.run(ps, patches, seen, false, true);
            float[] l32 = fp32.logits().toFloatArray();
            float[] l16 = bf16.logits().toFloatArray();
            assertCloseButNotEqual("glimpse bf16 vs fp32 logits", l16, l32, 0.05, 0.02);
            assertCloseButNotEqual("glimpse bf16 vs fp32 reconstruction", bf16.reconstruction().toFloatArray(), fp32.reconstruction().toFloatArray(), 0.05, 0.02);
            assertCloseButNotEqual("glimpse bf16 vs fp32 entropy", bf16.entropy().toFloatArray(), fp32.entropy().toFloatArray(), 0.02, 0.02);
            int changed = 0;
            int n = data.test().size();
            for (int i = 0; i < n; i++) {
                changed += argmax(l32, i, 10) == argmax(l16, i, 10) ? 0 : 1;
            }
            System.out.printf("glimpse bf16 vs fp32: %d of %d images change class%n", changed, n);
            assertThat(changed).isLessThanOrEqualTo(3 * n / 100);
        }
    }

    /**
     * One mixed-precision Adam step on a fixture batch: every trainable parameter gets an fp32 gradient pointing
     * where fp32's does (cosine ≥ 0.9), and the step changes the fp32 weights.
     */
    @Test
    void aBf16TrainingStepGivesFp32GradientsAndChangesTheWeights() {
        Dataset data = DatasetLocator.load(FIXTURE);
        BatchAssembler train = new BatchAssembler(data.train(), Normalization.fit(data.train()));
        try (NDManager m = NDManager.newBaseManager()) {
            GlimpseModel model = model(m);
            NDArray patches = Episode.patches(Batches.inOrder(m, train, 0, 64), model.grid());
            NDArray y = m.create(train.labels(range(64), 0, 64));
            boolean[][] seen = GlimpseSubsets.draw(model.grid(), 64, 4, new Random(3));
            Map<String, float[]> g32 = gradients(model, m, patches, y, seen);
            model.setPrecision(Precision.BF16);
            Map<String, float[]> g16 = gradients(model, m, patches, y, seen);
            double worst = 1;
            for (Pair<String, Parameter> p : model.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    assertThat(p.getValue().getArray().getGradient().getDataType()).isEqualTo(DataType.FLOAT32);
                    double c = cosine(g16.get(p.getKey()), g32.get(p.getKey()));
                    worst = Math.min(worst, c);
                    assertThat(c).as("gradient of %s", p.getKey()).isGreaterThan(0.9);
                }
            }
            System.out.printf("glimpse bf16 gradients: lowest cosine with fp32 %.4f%n", worst);
            Map<String, float[]> before = values(model);
            try (Optimizer adam = optimizer(model, m)) {
                adam.step(1e-3f); // on the bf16 pass's gradients
            }
            Map<String, float[]> after = values(model);
            for (Pair<String, Parameter> p : model.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    assertThat(after.get(p.getKey())).as(p.getKey()).isNotEqualTo(before.get(p.getKey()));
                }
            }
        }
    }

    /** A bf16 run records its precision in results.json, and --resume refuses to go on in fp32. */
    @Test
    @SuppressWarnings("unchecked")
    void aBf16RunRecordsItsPrecisionAndResumeKeepsIt() {
        Dataset data = new Dataset("bars", "sha256:synthetic", GlimpseTrainingTest.bars(300, 1), GlimpseTrainingTest.bars(60, 2),
                List.of("top", "bottom", "left", "right"));
        GlimpseConfig cfg = new GlimpseConfig(List.of("random"), 4, 32, 1, 1, 2, 4, 30, 32, 1e-3, 0, 0, null, 6);
        GlimpseTraining.run(data, cfg, tmp.resolve("run"), false, List.of(), s -> { }, new Precision.Choice(Precision.BF16, "test"));
        Map<String, Object> results = Json.read(tmp.resolve("run/results.json"), Map.class);
        assertThat((Map<String, Object>) ((Map<String, Object>) results.get("provenance")).get("config"))
                .containsEntry("precision", "bf16").containsEntry("precision_reason", "test");
        assertThatThrownBy(() -> GlimpseTraining.run(data, cfg, tmp.resolve("run"), true, List.of(), s -> { },
                new Precision.Choice(Precision.FP32, "test"))).isInstanceOf(ZeroWasteException.class).hasMessageContaining("other options");
    }

    private static GlimpseModel model(NDManager m) {
        Engines.seed(21);
        GlimpseModel model = new GlimpseModel(GlimpseGrid.standard(28, 28), 1, D.width(), D.depth(), D.decoderDepth(), D.heads(), 10);
        model.initialize(m, DataType.FLOAT32, model.inputShapes());
        return model;
    }

    private static Optimizer optimizer(GlimpseModel model, NDManager m) {
        List<Parameter> params = model.getParameters().values().stream().filter(Parameter::requiresGradient).toList();
        return Optimizer.create(new TrainConfig("glimpse", 1, 64, TrainConfig.ADAM, 1e-3, 0.9, 0, TrainConfig.ONE_CYCLE, 0, false, 0, 0),
                params, m);
    }

    /** {@code steps} fp32 Adam steps on 50 training images each, 1..8 random glimpses, cross-entropy only. */
    private static void train(GlimpseModel model, NDManager m, BatchAssembler train, int steps) {
        Random r = new Random(1);
        ParameterStore ps = new ParameterStore(m, false);
        int n = train.images().size();
        try (Optimizer adam = optimizer(model, m)) {
            for (int s = 0; s < steps; s++) {
                int from = (s * 50) % (n - 50);
                NDArray patches = Episode.patches(Batches.inOrder(m, train, from, from + 50), model.grid());
                boolean[][] seen = GlimpseSubsets.draw(model.grid(), 50, 1 + r.nextInt(8), r);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray logits = model.run(ps, patches, seen, true, false).logits();
                    gc.backward(Losses.crossEntropy(logits, m.create(train.labels(range(n), from, from + 50))));
                }
                adam.step(1e-3f);
            }
        }
    }

    /** Gradients of CE + reconstruction MSE of one pass; the arrays' gradients are left as computed. */
    private static Map<String, float[]> gradients(GlimpseModel model, NDManager m, NDArray patches, NDArray y, boolean[][] seen) {
        for (Parameter p : model.getParameters().values()) {
            if (p.requiresGradient()) {
                NDArray g = p.getArray().getGradient();
                g.subi(g);
            }
        }
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            GlimpseModel.Output o = model.run(new ParameterStore(m, false), patches, seen, true, true);
            NDArray err = o.reconstruction().sub(patches);
            gc.backward(Losses.crossEntropy(o.logits(), y).add(err.mul(err).mean()));
        }
        Map<String, float[]> g = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : model.getParameters()) {
            if (p.getValue().requiresGradient()) {
                g.put(p.getKey(), p.getValue().getArray().getGradient().toFloatArray());
            }
        }
        return g;
    }

    private static Map<String, float[]> values(GlimpseModel model) {
        Map<String, float[]> v = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : model.getParameters()) {
            v.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return v;
    }
}
