package io.zerowaste.exits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.zerowaste.core.config.ExitsConfig;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.DatasetLocator;
import io.zerowaste.core.io.Json;
import io.zerowaste.core.metrics.CostCurves;
import io.zerowaste.exits.app.ExitsBenchmark;
import io.zerowaste.exits.app.ExitsBundle;
import io.zerowaste.exits.app.ExitsEvaluation;
import io.zerowaste.exits.app.ExitsTraining;
import io.zerowaste.exits.eval.ExitOutputs;
import io.zerowaste.exits.eval.ExitOutputsCollector;
import io.zerowaste.exits.eval.ExitSimulator;
import io.zerowaste.exits.policy.ExitPolicy;
import io.zerowaste.exits.predict.ExitPrediction;
import io.zerowaste.exits.predict.ExitTimings;
import io.zerowaste.exits.predict.ExitingPredictor;
import io.zerowaste.nn.engine.Precision;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline on the 1,000-image fixture, then the dynamic predictor against the offline simulation. */
class ExitsPipelineTest {

    static final Path FIXTURE = Path.of(System.getProperty("zerowaste.fixture",
            "../zerowaste-core/src/test/resources/fashion-mnist-mini"));

    @TempDir
    static Path tmp;

    static Dataset data;
    static ExitsTraining.Outcome outcome;

    @BeforeAll
    static void train() {
        data = DatasetLocator.load(FIXTURE);
        ExitsConfig cfg = ExitsConfig.defaults().withBackboneEpochs(2).withHeadEpochs(2).withEnsembleEpochs(3).withEnsembleBatch(128)
                .withBatchSize(64).withTrainLimit(600);
        outcome = ExitsTraining.run(data, cfg, tmp.resolve("run"), List.of(), s -> { });
    }

    @Test
    @SuppressWarnings("unchecked")
    void resultsCarryTheIssueMetrics() {
        Map<String, Object> file = Json.read(tmp.resolve("run/results.json"), Map.class); // the keys on disk
        Map<String, Object> metrics = (Map<String, Object>) file.get("metrics");
        assertThat(file.get("kind")).isEqualTo("exits");
        assertThat(metrics).containsKeys("backbone_test_accuracy", "backbone_macs", "head_cost_fraction", "methods");
        assertThat((List<?>) metrics.get("head_cost_fraction")).hasSize(6);
        Map<String, Object> methods = (Map<String, Object>) metrics.get("methods");
        assertThat(methods).containsOnlyKeys("sdn", "pbee", "ztw");
        for (Object v : methods.values()) {
            Map<String, Object> m = (Map<String, Object>) v;
            assertThat(m).containsKeys("budget_accuracy", "oracle_max_accuracy", "validation_chosen_max_accuracy", "auc", "per_head_accuracy", "hindsight_improvability", "curve");
            assertThat((Map<String, Object>) m.get("budget_accuracy")).containsOnlyKeys("25", "50", "75", "100");
            assertThat(((Number) m.get("auc")).doubleValue()).isBetween(0.0, 1.0);
            Map<String, Object> first = (Map<String, Object>) ((List<?>) m.get("curve")).get(0);
            assertThat(first).containsKeys("param", "accuracy", "cost_fraction");
        }
        // every method's full-budget point can at least match the backbone's final classifier alone
        double backbone = ((Number) metrics.get("backbone_test_accuracy")).doubleValue();
        assertThat(((Number) ((Map<String, Object>) methods.get("sdn")).get("oracle_max_accuracy")).doubleValue()).isGreaterThanOrEqualTo(backbone);
    }

    @Test
    void dynamicPredictorEqualsTheOfflineSimulation() {
        for (String method : List.of("sdn", "ztw", "pbee")) {
            try (NDManager m = NDManager.newBaseManager()) {
                ExitsBundle.Loaded b = ExitsBundle.read(outcome.bundles().get(method), m);
                BatchAssembler test = new BatchAssembler(data.test(), b.manifest().normalization());
                ExitOutputs offline = ExitOutputsCollector.collect(b.model(), m, test, b.method().ensemble());
                List<Double> params = method.equals("pbee") ? List.of(1.0, 2.0, 5.0) : List.of(0.0, 0.3, 0.6, 0.9, 0.99, 1.5);
                int[] order = new int[data.test().size()];
                Arrays.setAll(order, i -> i);
                for (double p : params) {
                    ExitPolicy policy = b.method().policy(p);
                    ExitSimulator.Decisions d = ExitSimulator.simulate(policy, offline);
                    ExitingPredictor predictor = new ExitingPredictor(b.model(), policy, b.method().ensemble());
                    ExitTimings timings = new ExitTimings(b.model().backbone().numStages());
                    int n = data.test().size();
                    for (int from = 0; from < n; from += 64) {
                        int to = Math.min(n, from + 64);
                        ExitPrediction[] got = predictor.predict(m, m.create(test.pixels(order, from, to), new Shape(to - from, 1, 28, 28)),
                                timings);
                        for (int k = from; k < to; k++) {
                            assertThat(got[k - from].exitHead()).as(method + " p=" + p + " sample " + k).isEqualTo(d.exit()[k]);
                            assertThat(got[k - from].label()).as(method + " p=" + p + " sample " + k).isEqualTo(d.prediction()[k]);
                        }
                    }
                    // stage i ran on exactly the samples that had not left before it: compaction really happened
                    long[] reached = new long[b.model().backbone().numStages()];
                    for (int exit : d.exit()) {
                        for (int i = 0; i <= exit; i++) {
                            reached[i]++;
                        }
                    }
                    assertThat(timings.stageSamples()).as(method + " p=" + p).containsExactly(reached);
                    // streamed: input batches of 50, every stage on up to 64 samples pooled across them
                    List<NDArray> inputs = new java.util.ArrayList<>();
                    for (int from = 0; from < n; from += 50) {
                        int to = Math.min(n, from + 50);
                        inputs.add(m.create(test.pixels(order, from, to), new Shape(to - from, 1, 28, 28)));
                    }
                    ExitTimings streamed = new ExitTimings(b.model().backbone().numStages());
                    ExitPrediction[] all = predictor.predictStream(m, inputs, n, 64, streamed, true);
                    for (int k = 0; k < n; k++) {
                        assertThat(all[k].exitHead()).as("streamed " + method + " p=" + p + " sample " + k).isEqualTo(d.exit()[k]);
                        assertThat(all[k].label()).as("streamed " + method + " p=" + p + " sample " + k).isEqualTo(d.prediction()[k]);
                    }
                    assertThat(streamed.stageSamples()).as("streamed " + method + " p=" + p).containsExactly(reached);
                }
            }
        }
    }

    /**
     * In bf16 the dynamic predictor still equals the offline simulation run in bf16 (both run the same bf16
     * forms), and its answers stay close to fp32's: on the fixture's 200 test images, at most 3 of them change
     * exit or label at τ = 0.6, and per-head accuracies move by at most 2 points (4 images).
     */
    @Test
    void inBf16TheDynamicPredictorEqualsTheBf16SimulationAndStaysNearFp32() {
        try (NDManager m = NDManager.newBaseManager()) {
            ExitsBundle.Loaded b = ExitsBundle.read(outcome.bundles().get("ztw"), m);
            BatchAssembler test = new BatchAssembler(data.test(), b.manifest().normalization());
            ExitOutputs fp32 = ExitOutputsCollector.collect(b.model(), m, test, true);
            b.model().setPrecision(Precision.BF16);
            ExitOutputs bf16 = ExitOutputsCollector.collect(b.model(), m, test, true);
            ExitPolicy policy = b.method().policy(0.6);
            ExitSimulator.Decisions d16 = ExitSimulator.simulate(policy, bf16);
            ExitSimulator.Decisions d32 = ExitSimulator.simulate(policy, fp32);
            ExitPrediction[] got = new ExitingPredictor(b.model(), policy, true).predictAll(m, test);
            int changed = 0;
            for (int k = 0; k < got.length; k++) {
                assertThat(got[k].exitHead()).as("bf16 sample " + k).isEqualTo(d16.exit()[k]);
                assertThat(got[k].label()).as("bf16 sample " + k).isEqualTo(d16.prediction()[k]);
                changed += d16.exit()[k] != d32.exit()[k] || d16.prediction()[k] != d32.prediction()[k] ? 1 : 0;
            }
            assertThat(changed).as("samples whose exit or label bf16 changed").isLessThanOrEqualTo(3);
            double[] a16 = CostCurves.perHeadAccuracy(bf16.predictions(), bf16.labels());
            double[] a32 = CostCurves.perHeadAccuracy(fp32.predictions(), fp32.labels());
            for (int i = 0; i < a16.length; i++) {
                assertThat(a16[i]).as("head %d accuracy", i).isCloseTo(a32[i], within(0.02));
            }
            b.model().setPrecision(Precision.FP32);
        }
    }

    @Test
    void evalChoosesByBudgetOrDropAndRefusesImpossibleBudgets() {
        Path ztw = outcome.bundles().get("ztw");
        ExitsEvaluation.Outcome full = ExitsEvaluation.run(ztw, data, new ExitsEvaluation.Budget(1.0), tmp.resolve("e1"));
        assertThat(full.chosen().validationCostFraction()).isLessThanOrEqualTo(1.0);
        ExitsEvaluation.Outcome drop = ExitsEvaluation.run(ztw, data, new ExitsEvaluation.MaxDrop(100), tmp.resolve("e2"));
        // allowing a 100-point drop picks the cheapest setting of all: everything leaves at head 0
        assertThat(drop.exitFractions().get(0)).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThatThrownBy(() -> ExitsEvaluation.run(ztw, data, new ExitsEvaluation.Budget(0.01), tmp.resolve("e3")))
                .hasMessageContaining("fits a budget");
        assertThatThrownBy(() -> ExitsBundle.read(tmp.resolve("run/backbone/model"), null))
                .hasMessageContaining("not an early-exit bundle");
    }

    @Test
    void benchmarkRunsBothPathsOnTheSameAnswersAndReportsTheirFigures() {
        ExitsBenchmark.Figures f = ExitsBenchmark.run(outcome.bundles().get("ztw"), data.test(), null, 64, 1);
        assertThat(f.samples()).isEqualTo(data.test().size());
        assertThat(f.meanCostFraction()).isBetween(0.0, 1.5);
        assertThat(f.theoreticalSpeedup()).isCloseTo(1 / f.meanCostFraction(), org.assertj.core.api.Assertions.within(1e-9));
        assertThat(f.exiting().seconds()).isPositive();
        assertThat(f.pooled().speedup()).isPositive();
        assertThat(f.accuracy()).isBetween(0.0, 1.0);
    }
}
