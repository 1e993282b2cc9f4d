package io.zerowaste.continual;

import static io.zerowaste.core.testing.VectorMath.argmax;
import static io.zerowaste.core.testing.VectorMath.assertCloseButNotEqual;
import static io.zerowaste.core.testing.VectorMath.cosine;
import static io.zerowaste.core.testing.VectorMath.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.zerowaste.continual.app.ContinualRun;
import io.zerowaste.continual.app.StrategyProgress;
import io.zerowaste.continual.model.ContinualNet;
import io.zerowaste.continual.model.ContinualNets;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.config.ContinualConfig;
import io.zerowaste.core.config.TrainConfig;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.Normalization;
import io.zerowaste.core.io.Json;
import io.zerowaste.nn.engine.CpuFeatures;
import io.zerowaste.nn.engine.Engines;
import io.zerowaste.nn.engine.Precision;
import io.zerowaste.nn.eval.Batches;
import io.zerowaste.nn.train.Losses;
import io.zerowaste.nn.train.Optimizer;
import io.zerowaste.nn.train.TrainingHook;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mixed precision in the continual nets, on the fixture. Skipped where the CPU lacks native bf16 dot products
 * (oneDNN would emulate them: right, but slow).
 */
class Bf16ContinualTest {

    private static final Precision.Choice BF16 = new Precision.Choice(Precision.BF16, "test");

    @TempDir
    Path tmp;

    @BeforeEach
    void needsBf16Units() {
        assumeTrue(CpuFeatures.detect().bf16DotProducts(), "the CPU has neither avx512_bf16 nor amx_bf16");
        Engines.pytorch();
    }

    /**
     * The 200 test images through a net trained one epoch in fp32, then the same net in bf16: the logits differ
     * by at most 5 % of the largest fp32 logit and 1.5 % on average of the mean |logit|, and at most 2 % of the
     * images change class.
     */
    @ParameterizedTest
    @ValueSource(strings = {"cnn", "mlp"})
    void aBf16ForwardAgreesWithFp32OnTheFixture(String backbone) {
        Dataset data = Fixture.load();
        Normalization norm = Normalization.fit(data.train());
        try (NDManager m = NDManager.newBaseManager()) {
            ContinualNet net = trainedNet(backbone, data, norm, m);
            NDArray x = Batches.inOrder(m, new BatchAssembler(data.test(), norm), 0, data.test().size());
            ParameterStore ps = new ParameterStore(m, false);
            float[] fp32 = net.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
            assertThat(net.setPrecision(Precision.BF16)).as("blocks computing in bf16").isEqualTo(backbone.equals("cnn") ? 3 : 2);
            float[] bf16 = net.forward(ps, new NDList(x), false).singletonOrThrow().toFloatArray();
            assertCloseButNotEqual(backbone + " bf16 vs fp32 logits", bf16, fp32, 0.05, 0.015);
            int c = net.numClasses();
            int changed = 0;
            for (int i = 0; i < fp32.length / c; i++) {
                changed += argmax(fp32, i, c) == argmax(bf16, i, c) ? 0 : 1;
            }
            System.out.printf("%s bf16 vs fp32: %d of %d images change class%n", backbone, changed, fp32.length / c);
            assertThat(changed).isLessThanOrEqualTo(fp32.length / c / 50);
        }
    }

    /**
     * One mixed-precision SGD step of the cnn on a fixture batch: every trainable parameter gets an fp32 gradient
     * pointing where fp32's does (cosine ≥ 0.95), and the step changes the fp32 weights.
     */
    @Test
    void aBf16TrainingStepGivesFp32GradientsAndChangesTheWeights() {
        Dataset data = Fixture.load();
        Normalization norm = Normalization.fit(data.train());
        try (NDManager m = NDManager.newBaseManager()) {
            Engines.seed(11);
            ContinualNet net = ContinualNets.build("cnn", 1, 28, 28, 10).init(m);
            BatchAssembler train = new BatchAssembler(data.train(), norm);
            NDArray x = Batches.inOrder(m, train, 0, 64);
            NDArray y = m.create(train.labels(range(64), 0, 64));
            List<Parameter> params = net.getParameters().values().stream().filter(Parameter::requiresGradient).toList();
            Map<String, float[]> g32 = gradients(net, m, x, y);
            net.setPrecision(Precision.BF16);
            Map<String, float[]> g16 = gradients(net, m, x, y);
            for (Pair<String, Parameter> p : net.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    assertThat(p.getValue().getArray().getGradient().getDataType()).isEqualTo(DataType.FLOAT32);
                    assertThat(cosine(g16.get(p.getKey()), g32.get(p.getKey()))).as("gradient of %s", p.getKey()).isGreaterThan(0.95);
                }
            }
            Map<String, float[]> before = values(net);
            try (Optimizer sgd = Optimizer.create(TrainConfig.defaults(), params, m)) {
                sgd.step(0.05f); // on the bf16 pass's gradients
            }
            for (Map.Entry<String, float[]> e : values(net).entrySet()) {
                if (net.getParameters().get(e.getKey()).requiresGradient()) {
                    assertThat(e.getValue()).as(e.getKey()).isNotEqualTo(before.get(e.getKey()));
                }
            }
            assertThat(net.getParameters().valueAt(0).getArray().getDataType()).isEqualTo(DataType.FLOAT32);
        }
    }

    /**
     * A bf16 run of the strategies whose plugins run the net inside a gradient collector in inference mode (EWC's
     * Fisher, LwF's frozen teacher): results.json records the precision, a crash and --resume end exactly like the
     * uninterrupted run, and --resume in fp32 is refused.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aBf16RunResumesExactlyAndRecordsItsPrecision() {
        Dataset data = Fixture.load();
        ContinualConfig cfg = Fixture.config("class-il", List.of("ewc", "lwf"), "mlp");
        ContinualRun.Outcome whole = ContinualRun.run(data, cfg, tmp.resolve("whole"), false, List.of(), s -> { }, BF16);
        Map<String, Object> results = Json.read(tmp.resolve("whole/results.json"), Map.class);
        assertThat((Map<String, Object>) ((Map<String, Object>) results.get("provenance")).get("config"))
                .containsEntry("precision", "bf16").containsEntry("precision_reason", "test");
        assertThat((Map<String, Object>) results.get("config")).containsEntry("precision", "bf16");

        Path crashed = tmp.resolve("crashed");
        TrainingHook crashInLwfSecondExperience = new TrainingHook() {
            int starts;

            @Override
            public void onTrainStart(TrainStartEvent e) {
                if (++starts == 5 + 2) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        };
        assertThatThrownBy(() -> ContinualRun.run(data, cfg, crashed, false, List.of(crashInLwfSecondExperience), s -> { }, BF16))
                .hasMessage("simulated crash");
        assertThatThrownBy(() -> ContinualRun.run(data, cfg, crashed, true, List.of(), s -> { }, new Precision.Choice(Precision.FP32, "test")))
                .isInstanceOf(ZeroWasteException.class).hasMessageContaining("other options");
        ContinualRun.Outcome resumed = ContinualRun.run(data, cfg, crashed, true, List.of(), s -> { }, BF16);
        for (String name : cfg.runOrder()) {
            StrategyProgress a = whole.progress().get(name);
            StrategyProgress b = resumed.progress().get(name);
            for (int t = 0; t < 5; t++) {
                for (int u = 0; u < 5; u++) {
                    assertThat(b.matrix().get(t)[u]).as(name + " R[%d][%d]", t, u).isCloseTo(a.matrix().get(t)[u], within(1e-9));
                }
            }
        }
    }

    /** A net of {@code backbone} trained one fp32 epoch on the fixture (so that its logits mean something). */
    private static ContinualNet trainedNet(String backbone, Dataset data, Normalization norm, NDManager m) {
        Engines.seed(5);
        ContinualNet net = ContinualNets.build(backbone, 1, 28, 28, 10).init(m);
        List<Parameter> params = net.getParameters().values().stream().filter(Parameter::requiresGradient).toList();
        BatchAssembler train = new BatchAssembler(data.train(), norm);
        ParameterStore ps = new ParameterStore(m, false);
        try (Optimizer sgd = Optimizer.create(TrainConfig.defaults(), params, m)) {
            for (int from = 0; from + 50 <= data.train().size(); from += 50) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray logits = net.forward(ps, new NDList(Batches.inOrder(m, train, from, from + 50)), true).singletonOrThrow();
                    gc.backward(Losses.crossEntropy(logits, m.create(train.labels(range(data.train().size()), from, from + 50))));
                }
                sgd.step(0.05f);
            }
        }
        return net;
    }

    /** The gradients of one forward and backward pass from zeroed gradients, which are left in place. */
    private static Map<String, float[]> gradients(ContinualNet net, NDManager m, NDArray x, NDArray y) {
        for (Parameter p : net.getParameters().values()) {
            if (p.requiresGradient()) {
                NDArray grad = p.getArray().getGradient();
                grad.subi(grad);
            }
        }
        Map<String, float[]> g = new LinkedHashMap<>();
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray logits = net.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
            gc.backward(Losses.crossEntropy(logits, y));
        }
        for (Pair<String, Parameter> p : net.getParameters()) {
            if (p.getValue().requiresGradient()) {
                g.put(p.getKey(), p.getValue().getArray().getGradient().toFloatArray());
            }
        }
        return g;
    }

    private static Map<String, float[]> values(ContinualNet net) {
        Map<String, float[]> v = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : net.getParameters()) {
            v.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return v;
    }
}
