package io.zerowaste.continual;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerowaste.continual.app.ContinualRun;
import io.zerowaste.core.config.ContinualConfig;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.ShapeScenes;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Continual runs on 3×32×32 colour scenes: the networks take the channels and size, replay keeps colour exemplars. */
class ColourContinualTest {

    @TempDir
    Path tmp;

    @Test
    void cnnAndMlpRunOnColourImages() {
        Dataset data = new Dataset("shapes", "sha256:test", ShapeScenes.generate(10, 1), ShapeScenes.generate(4, 2), ShapeScenes.CLASSES);
        for (String backbone : List.of("cnn", "mlp")) {
            ContinualConfig cfg = Fixture.config("class-il", List.of("finetune", "replay"), backbone);
            ContinualRun.Outcome o = ContinualRun.run(data, cfg, tmp.resolve(backbone), false, List.of(), s -> { });
            assertThat(o).isNotNull();
        }
        // MACs for the colour input: conv1 3·32·32·32·9 + conv2 16·16·64·32·9 + fc 8·8·64·64, + the 64→10 classifier
        assertThat(io.zerowaste.continual.model.ContinualNets.build("cnn", 3, 32, 32, 10).macs())
                .isEqualTo(3L * 32 * 32 * 32 * 9 + 16L * 16 * 64 * 32 * 9 + 8L * 8 * 64 * 64 + 640);
        assertThat(io.zerowaste.continual.model.ContinualNets.build("mlp", 3, 32, 32, 10).macs()).isEqualTo(3L * 32 * 32 * 256 + 256L * 64 + 640);
    }
}
