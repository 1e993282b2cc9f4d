package io.zerowaste.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.config.TrainConfig;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.core.data.ShapeScenes;
import io.zerowaste.core.io.Json;
import io.zerowaste.nn.app.BackboneTraining;
import io.zerowaste.nn.bundle.BundleManifest;
import io.zerowaste.nn.bundle.ModelBundle;
import io.zerowaste.nn.eval.Evaluator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backbone trained on 3×32×32 colour images: every bundle field is for that shape, and it loads back. */
class ColourTrainingTest {

    static final TrainConfig TINY = new TrainConfig("resnet14", 1, 32, "sgd", 0.05, 0.9, 5e-4, "onecycle", 2, null, 3, 0);

    @TempDir
    Path tmp;

    @Test
    void aColourBundleIsForThreeChannelsAt32PixelsAndLoadsBack() throws Exception {
        ImageSet train = ShapeScenes.generate(12, 1);
        ImageSet test = ShapeScenes.generate(3, 2);
        Dataset data = new Dataset("shapes", "sha256:test", train, test, ShapeScenes.CLASSES);
        BackboneTraining.Outcome o = BackboneTraining.run(data, TINY, tmp.resolve("run"), false, List.of());
        BundleManifest m = o.manifest();
        assertThat(m.architecture().channels()).isEqualTo(3);
        assertThat(m.architecture().height()).isEqualTo(32);
        assertThat(m.normalization().channels()).isEqualTo(3);
        assertThat(((Number) m.macs().get("total")).longValue()).isEqualTo(26_657_408L);
        Map<?, ?> onDisk = Json.read(o.bundleDir().resolve(BundleManifest.FILE_NAME), Map.class);
        assertThat(((Map<?, ?>) onDisk.get("normalization")).keySet()).asString().contains("channel_means", "channel_stds");
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelBundle.Loaded b = ModelBundle.read(o.bundleDir(), manager);
            assertThat(b.manifest().normalization()).isEqualTo(m.normalization());
            double acc = Evaluator.accuracy(b.backbone(), manager, new BatchAssembler(test, b.manifest().normalization()));
            assertThat(acc).isEqualTo(o.testAccuracy());
            // grey images for a colour model: refused with the options to pass
            ImageSet grey = new ImageSet(new byte[32 * 32], new int[1], 32, 32);
            assertThatThrownBy(() -> ModelBundle.checkImagesFit(b.manifest(), grey, o.bundleDir())).isInstanceOf(ZeroWasteException.class)
                    .hasMessageContaining("the images are 1x32x32").hasMessageContaining("takes 3x32x32");
        }
        assertThat(Files.exists(o.bundleDir().resolve(BundleManifest.PARAMETERS_FILE))).isTrue();
    }
}
