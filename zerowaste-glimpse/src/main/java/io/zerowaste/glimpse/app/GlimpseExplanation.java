package io.zerowaste.glimpse.app;

import ai.djl.ndarray.NDManager;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.core.io.AtomicFiles;
import io.zerowaste.glimpse.explain.ExplainEpisode;
import io.zerowaste.glimpse.explain.ExplainPicture;
import io.zerowaste.glimpse.explain.PictureFormat;
import io.zerowaste.glimpse.policy.GlimpsePolicy;
import io.zerowaste.nn.engine.Engines;
import io.zerowaste.nn.engine.Precision;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/** Draws one test image's episode, glimpse by glimpse, into a picture file (behind {@code glimpse explain}). */
public final class GlimpseExplanation {

    /** What was drawn: the policy, the number of glimpses and the image's true class. */
    public record Outcome(String policy, int glimpses, String trueClass) {}

    private GlimpseExplanation() {}

    /** Runs test image {@code index} with {@code policy} (the bundle's own when null) and writes the picture to {@code out}. */
    public static Outcome write(Path bundleDir, Dataset data, int index, String policy, Path out, PictureFormat format) {
        return write(bundleDir, data, index, policy, out, format, null);
    }

    /** As above, the model computing in {@code precision} (fp32 when null), so the picture shows what {@code glimpse eval} would. */
    public static Outcome write(Path bundleDir, Dataset data, int index, String policy, Path out, PictureFormat format,
            Precision.Choice precision) {
        ImageSet test = data.test();
        if (index < 0 || index >= test.size()) {
            throw ZeroWasteException.badInput("--index " + index + " is outside the " + test.size() + " test images");
        }
        if (test.channels() != 1) {
            throw ZeroWasteException.badInput("glimpse explain draws single-channel images only (these have " + test.channels()
                    + " channels); use 'glimpse eval' for the figures");
        }
        Engines.pytorch();
        try (NDManager manager = NDManager.newBaseManager()) {
            GlimpseBundle.Loaded b = GlimpseBundle.read(bundleDir, manager);
            if (precision != null && precision.bf16()) {
                b.model().setPrecision(Precision.BF16);
            }
            String p = policy != null ? policy : b.defaultPolicy();
            if ("full".equals(p)) {
                throw ZeroWasteException.badInput("a full-image model takes no glimpses: pass --policy entropy|random|checkerboard|raster");
            }
            List<ExplainPicture.StepView> steps = ExplainEpisode.run(b, GlimpsePolicy.of(p), test, index, manager);
            String truth = data.classNames().get(test.labels()[index]);
            BufferedImage img = ExplainPicture.render(b.model().grid(), rawPixels(test, index), truth, steps);
            AtomicFiles.write(out, format.encode(img));
            return new Outcome(p, steps.size(), truth);
        }
    }

    /** Image {@code index}'s pixels in 0..1, as drawn. */
    private static float[] rawPixels(ImageSet images, int index) {
        float[] raw = new float[images.imageSize()];
        for (int k = 0; k < raw.length; k++) {
            raw[k] = (images.pixels()[index * raw.length + k] & 0xff) / 255f;
        }
        return raw;
    }
}
