package io.zerowaste.glimpse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.config.GlimpseConfig;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.core.result.GlimpseMetrics;
import io.zerowaste.core.result.PolicyMetrics;
import io.zerowaste.glimpse.app.GlimpseTraining;
import io.zerowaste.glimpse.app.GlimpseBundle;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default recipe on a small data set it has never seen tuned for: 16×16 images (a 4×4 grid of 4×4 patches),
 * four classes, each a bright bar at one of four places plus noise. With the defaults (the auto step budget,
 * early stopping) one model must end well above chance on the full image and after the glimpses of every policy.
 */
class GlimpseTrainingTest {

    private static final int SIDE = 16;

    @TempDir
    Path tmp;

    @Test
    void theDefaultRecipeLearnsASmallSyntheticSetWellAboveChance() {
        Dataset data = new Dataset("bars", "sha256:synthetic", bars(1200, 1), bars(200, 2), List.of("top", "bottom", "left", "right"));
        GlimpseConfig d = GlimpseConfig.defaults();
        GlimpseConfig cfg = new GlimpseConfig(d.policies(), d.glimpses(), d.width(), d.depth(), d.decoderDepth(), d.heads(), d.patch(),
                d.steps(), d.batchSize(), d.learningRate(), 0, 0, null, d.patience());
        GlimpseMetrics m = GlimpseTraining.run(data, cfg, tmp.resolve("run"), false, List.of(), s -> {}).metrics();

        System.out.printf("synthetic bars: %d of %d steps, full image %.3f, %s%n", m.stepsDone(), m.stepsBudget(), m.fullImageAccuracy(),
                m.policies().entrySet().stream().map(e -> e.getKey() + " " + e.getValue().accuracyByGlimpses()).toList());
        assertThat(m.fullImageAccuracy()).as("full image").isGreaterThan(0.8);
        assertThat(m.policies()).containsOnlyKeys("entropy", "random", "checkerboard", "raster");
        for (var e : m.policies().entrySet()) {
            PolicyMetrics p = e.getValue();
            assertThat(p.accuracyByGlimpses()).hasSize(8);
            assertThat(p.accuracyByGlimpses().get(7)).as(e.getKey() + " after 8 glimpses").isGreaterThan(0.7); // chance: 0.25
            assertThat(p.reconstructionRmseByGlimpses().get(7)).isLessThan(p.reconstructionRmseByGlimpses().get(0));
            // τ above 1 is never reached: the fallback rule then answers every image from the full image
            PolicyMetrics.StopPoint never = p.stopCurveFullFallback().get(p.stopCurveFullFallback().size() - 1);
            assertThat(never.accuracy()).as(e.getKey() + " fallback at τ > 1").isEqualTo(m.fullImageAccuracy());
            assertThat(never.pixelFraction()).isEqualTo(1.0);
        }
        assertThat(m.encoderMacsByGlimpses().get(0)).isLessThan(m.encoderMacsFullImage());
        assertThat(m.stepsDone()).isLessThanOrEqualTo(m.stepsBudget());
        assertThat(Files.isRegularFile(tmp.resolve("run/model/manifest.json"))).isTrue();
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThat(GlimpseBundle.read(tmp.resolve("run/model"), manager).defaultPolicy()).isEqualTo("entropy");
        }

        // fine-tuning with the entropy policy in the loop starts from the trained weights: at a learning rate far
        // too small to learn anything in 25 steps, it stays where the first run ended, far above chance
        GlimpseConfig fine = new GlimpseConfig(List.of("entropy"), d.glimpses(), d.width(), d.depth(), d.decoderDepth(), d.heads(), d.patch(),
                25, d.batchSize(), 1e-7, 0, 0, "entropy", d.patience(), tmp.resolve("run/model").toString());
        GlimpseMetrics f = GlimpseTraining.run(data, fine, tmp.resolve("fine"), false, List.of(), s -> {}).metrics();
        assertThat(f.trainPolicy()).isEqualTo("entropy");
        assertThat(f.fullImageAccuracy()).as("fine-tuned, full image").isGreaterThan(0.8);
        GlimpseConfig wider = new GlimpseConfig(List.of("entropy"), d.glimpses(), 2 * d.width(), d.depth(), d.decoderDepth(), d.heads(),
                d.patch(), 25, d.batchSize(), 1e-4, 0, 0, null, d.patience(), tmp.resolve("run/model").toString());
        assertThatThrownBy(() -> GlimpseTraining.run(data, wider, tmp.resolve("wider"), false, List.of(), s -> {}))
                .isInstanceOf(ZeroWasteException.class).hasMessageContaining("--width " + d.width());
    }

    /** {@code n} images: class c has a bright 4×12 bar along side c (top, bottom, left, right), on noise. */
    static ImageSet bars(int n, long seed) {
        Random r = new Random(seed);
        byte[] px = new byte[n * SIDE * SIDE];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(4);
            labels[i] = c;
            int shift = r.nextInt(5);
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    boolean bar = switch (c) {
                        case 0 -> y < 4 && x >= shift && x < shift + 12;
                        case 1 -> y >= 12 && x >= shift && x < shift + 12;
                        case 2 -> x < 4 && y >= shift && y < shift + 12;
                        default -> x >= 12 && y >= shift && y < shift + 12;
                    };
                    int v = (bar ? 200 : 30) + r.nextInt(40);
                    px[i * SIDE * SIDE + y * SIDE + x] = (byte) v;
                }
            }
        }
        return new ImageSet(px, labels, SIDE, SIDE);
    }
}
