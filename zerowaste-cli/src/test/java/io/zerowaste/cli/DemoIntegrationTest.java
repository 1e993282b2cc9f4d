package io.zerowaste.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerowaste.core.io.Json;
import io.zerowaste.core.result.ResultEnvelope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quick demo end to end on the real Fashion-MNIST (Debian package dataset-fashion-mnist). */
@Tag("integration")
class DemoIntegrationTest {

    @TempDir
    Path tmp;

    /** Kept after the build: .ci/run takes a screenshot of its report.html. */
    static final Path DEMO_OUT = Path.of("target/demo-quick");

    @Test
    @SuppressWarnings("unchecked")
    void quickDemoTrainsExitsEvaluatesAndPredicts() throws Exception {
        Path out = DEMO_OUT;
        io.zerowaste.core.io.AtomicFiles.deleteRecursively(out);
        assertThat(ZeroWasteCli.run("demo", "--quick", "--out", out.toString())).isZero();
        String report = Files.readString(out.resolve("report.html"));
        assertThat(report).contains("data-chart=\"exits-cost-curve\"", "data-table=\"exits-budget\"");
        ResultEnvelope r = Json.read(out.resolve("results.json"), ResultEnvelope.class);
        assertThat(r.kind()).isEqualTo("exits");
        assertThat(r.provenance().datasetName()).isEqualTo("fashion-mnist");
        // one backbone epoch on 6,000 images is far above chance (10 %) on the 10,000 test images
        double backbone = ((Number) r.metrics().get("backbone_test_accuracy")).doubleValue();
        assertThat(backbone).isGreaterThan(0.6);
        Map<String, Object> ztw = (Map<String, Object>) ((Map<String, Object>) r.metrics().get("methods")).get("ztw");
        assertThat(((Number) ztw.get("oracle_max_accuracy")).doubleValue()).isGreaterThan(backbone - 0.02);

        Path bundle = out.resolve("ztw");
        assertThat(ZeroWasteCli.run("exits", "eval", "--model", bundle.toString(), "--budget", "0.75",
                "--out", tmp.resolve("eval").toString())).isZero();
        ResultEnvelope e = Json.read(tmp.resolve("eval/results.json"), ResultEnvelope.class);
        Map<String, Object> chosen = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) e.metrics()
                .get("methods")).get("ztw")).get("chosen");
        assertThat(((Number) chosen.get("validation_cost_fraction")).doubleValue()).isLessThanOrEqualTo(0.75);

        Path csv = tmp.resolve("pred.csv");
        assertThat(ZeroWasteCli.run("exits", "predict", "--model", bundle.toString(), "--images",
                "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz", "--out", csv.toString())).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(10_001);
        assertThat(lines.get(0)).isEqualTo("index,label,class_name,confidence,exit_head,cost_fraction");
        assertThat(ZeroWasteCli.run("info", "--model", bundle.toString())).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void quickContinualRunOnRealData() throws Exception {
        Path out = tmp.resolve("continual");
        assertThat(ZeroWasteCli.run("continual", "run", "--backbone", "mlp", "--epochs", "1", "--train-limit", "6000",
                "--strategies", "scratch,finetune,replay", "--out", out.toString())).isZero();
        ResultEnvelope r = Json.read(out.resolve("results.json"), ResultEnvelope.class);
        assertThat(r.kind()).isEqualTo("continual");
        Map<String, Object> s = (Map<String, Object>) r.metrics().get("strategies");
        double scratch = ((Number) ((Map<String, Object>) s.get("scratch")).get("final_average_accuracy")).doubleValue();
        double finetune = ((Number) ((Map<String, Object>) s.get("finetune")).get("final_average_accuracy")).doubleValue();
        double replay = ((Number) ((Map<String, Object>) s.get("replay")).get("final_average_accuracy")).doubleValue();
        // class-incremental forgetting is real, replay recovers part of it, scratch is the upper bound
        assertThat(finetune).isLessThan(0.3);
        assertThat(replay).isGreaterThan(finetune + 0.1);
        assertThat(scratch).isGreaterThan(replay);
        assertThat(out.resolve("report.html")).exists();
    }
}
