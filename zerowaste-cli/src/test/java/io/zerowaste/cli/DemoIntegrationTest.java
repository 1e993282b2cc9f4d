package io.zerowaste.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerowaste.core.io.Json;
import io.zerowaste.core.result.ResultEnvelope;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quick demo end to end on the real Fashion-MNIST (Debian package dataset-fashion-mnist). */
@Tag("integration")
class DemoIntegrationTest {

    @TempDir
    Path tmp;

    @Test
    void quickDemoTrainsEvaluatesAndWritesItsResults() {
        Path out = tmp.resolve("demo");
        int code = ZeroWasteCli.run("demo", "--quick", "--out", out.toString());
        assertThat(code).isZero();
        ResultEnvelope r = Json.read(out.resolve("results.json"), ResultEnvelope.class);
        // one epoch on 6,000 images reaches well above chance (10 %) on the 10,000 test images
        assertThat(((Number) r.metrics().get("test_accuracy")).doubleValue()).isGreaterThan(0.6);
        assertThat(r.provenance().datasetName()).isEqualTo("fashion-mnist");
        assertThat(ZeroWasteCli.run("eval", "--model", out.resolve("model").toString())).isZero();
        assertThat(ZeroWasteCli.run("info", "--model", out.resolve("model").toString())).isZero();
    }
}
