package io.zerowaste.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerowaste.core.result.ContinualRunMetrics;
import io.zerowaste.core.result.ExitsMetrics;
import io.zerowaste.core.result.ResultEnvelope;
import io.zerowaste.core.result.ResultKind;
import io.zerowaste.core.result.Results;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        ResultEnvelope<ExitsMetrics> r = Results.read(out.resolve("results.json"), ResultKind.EXITS, ExitsMetrics.class);
        assertThat(r.provenance().datasetName()).isEqualTo("fashion-mnist");
        // one backbone epoch on 6,000 images is far above chance (10 %) on the 10,000 test images
        double backbone = r.metrics().backboneTestAccuracy();
        assertThat(backbone).isGreaterThan(0.6);
        assertThat(r.metrics().methods().get("ztw").oracleMaxAccuracy()).isGreaterThan(backbone - 0.02);

        Path bundle = out.resolve("ztw");
        assertThat(ZeroWasteCli.run("exits", "eval", "--model", bundle.toString(), "--budget", "0.75",
                "--out", tmp.resolve("eval").toString())).isZero();
        ResultEnvelope<ExitsMetrics> e = Results.read(tmp.resolve("eval/results.json"), ResultKind.EXITS, ExitsMetrics.class);
        assertThat(e.metrics().methods().get("ztw").chosen().validationCostFraction()).isLessThanOrEqualTo(0.75);

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
        ContinualRunMetrics s = Results.read(out.resolve("results.json"), ResultKind.CONTINUAL, ContinualRunMetrics.class).metrics();
        double scratch = s.strategies().get("scratch").finalAverageAccuracy();
        double finetune = s.strategies().get("finetune").finalAverageAccuracy();
        double replay = s.strategies().get("replay").finalAverageAccuracy();
        // class-incremental forgetting is real, replay recovers part of it, scratch is the upper bound
        assertThat(finetune).isLessThan(0.3);
        assertThat(replay).isGreaterThan(finetune + 0.1);
        assertThat(scratch).isGreaterThan(replay);
        assertThat(out.resolve("report.html")).exists();
    }
}
