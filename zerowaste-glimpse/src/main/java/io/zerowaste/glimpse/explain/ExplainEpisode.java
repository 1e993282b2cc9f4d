package io.zerowaste.glimpse.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.core.data.Normalization;
import io.zerowaste.glimpse.app.GlimpseBundle;
import io.zerowaste.glimpse.geometry.GlimpseGrid;
import io.zerowaste.glimpse.policy.GlimpsePolicy;
import io.zerowaste.glimpse.train.Episode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Runs one image through a glimpse bundle and collects what {@link ExplainPicture} draws. */
public final class ExplainEpisode {

    private ExplainEpisode() {}

    public static List<ExplainPicture.StepView> run(GlimpseBundle.Loaded b, GlimpsePolicy policy, ImageSet images, int index,
            NDManager manager) {
        GlimpseGrid g = b.model().grid();
        Normalization norm = b.manifest().normalization();
        int n = images.imageSize();
        float[] px = new float[n];
        float[] raw = new float[n];
        for (int k = 0; k < n; k++) {
            int v = images.pixels()[index * n + k] & 0xff;
            px[k] = norm.apply(v);
            raw[k] = v / 255f;
        }
        List<String> names = b.manifest().classNames();
        List<ExplainPicture.StepView> steps = new ArrayList<>();
        try (NDManager m = manager.newSubManager()) {
            NDArray patches = Episode.patches(m.create(px, new Shape(1, 1, images.rows(), images.cols())), g);
            Episode.run(b.model(), new ParameterStore(m, false), patches, policy, b.glimpses(), b.start(), new Random(index), false, s -> {
                float[] rec = s.reconstruction().toFloatArray();
                float[] composite = raw.clone();
                for (int p = 0; p < g.patches(); p++) {
                    if (!s.seen()[0][p]) {
                        int[] pix = g.pixelsOfPatch(p);
                        for (int k = 0; k < pix.length; k++) {
                            composite[pix[k]] = (float) (rec[p * g.patchPixels() + k] * norm.std() + norm.mean());
                        }
                    }
                }
                NDArray probs = s.logits().softmax(1);
                int label = (int) probs.argMax(1).getLong(0);
                steps.add(new ExplainPicture.StepView(s.seen()[0], s.positions()[0], composite,
                        label < names.size() ? names.get(label) : String.valueOf(label), probs.getFloat(0, label)));
            });
        }
        return steps;
    }
}
