package io.zerowaste.glimpse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.data.Normalization;
import io.zerowaste.glimpse.app.GlimpseBundle;
import io.zerowaste.glimpse.model.GlimpseModel;
import io.zerowaste.nn.bundle.BundleManifest;
import io.zerowaste.nn.bundle.ModelBundle;
import io.zerowaste.nn.model.ArchitectureSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A glimpse bundle reads back; a damaged one is refused before a model is built from it. */
class GlimpseBundleTest {

    @TempDir
    Path tmp;

    static Map<String, Object> extra(int width) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("policy", "raster");
        extra.put("glimpses", 4);
        extra.put("start", 0);
        extra.put("width", width);
        extra.put("depth", 1);
        extra.put("heads", 2);
        extra.put("decoder_depth", 1);
        extra.put("patch", 4);
        extra.put("channels", 1);
        return extra;
    }

    static Path write(Path dir, Map<String, Object> extra) {
        ArchitectureSpec spec = new ArchitectureSpec("glimpse-vit", 1, 28, 28, 10);
        try (NDManager m = NDManager.newBaseManager()) {
            GlimpseModel model = GlimpseBundle.build(extra(16), 28, 28, 10);
            model.initialize(m, DataType.FLOAT32, model.inputShapes());
            BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, GlimpseBundle.KIND, spec,
                    new Normalization(0.3, 0.35), List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), Map.of(), 0,
                    BundleManifest.PARAMETERS_FILE, null, null, Map.of(), extra);
            ModelBundle.write(dir, model, manifest);
        }
        return dir;
    }

    @Test
    void aWrittenBundleReadsBack() {
        Path b = write(tmp.resolve("ok"), extra(16));
        try (NDManager m = NDManager.newBaseManager()) {
            assertThat(GlimpseBundle.read(b, m).glimpses()).isEqualTo(4);
        }
    }

    @Test
    void aBundleFromBeforeTheDecoderIsRefusedWithAHint() {
        Map<String, Object> old = extra(16);
        old.remove("decoder_depth");
        Path b = write(tmp.resolve("old"), old);
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> GlimpseBundle.read(b, m)).isInstanceOf(ZeroWasteException.class)
                    .hasMessageContaining("older zerowaste");
        }
    }

    @Test
    void aHugeWidthIsRefusedBeforeTheModelIsBuilt() {
        Path b = write(tmp.resolve("huge"), extra(1_000_000));
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> GlimpseBundle.read(b, m)).isInstanceOf(ZeroWasteException.class)
                    .hasMessageContaining("'width' is 1000000");
        }
    }

    @Test
    void parametersOfAnotherWidthAreRefused() {
        Path b = write(tmp.resolve("other"), extra(32)); // the parameters were saved from a width-16 model
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> GlimpseBundle.read(b, m)).isInstanceOf(ZeroWasteException.class)
                    .hasMessageContaining("the parameters do not fit the architecture");
        }
    }
}
