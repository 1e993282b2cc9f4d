package io.zerowaste.glimpse.app;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.result.GlimpseBundleInfo;
import io.zerowaste.glimpse.model.GlimpseModel;
import io.zerowaste.nn.bundle.BundleManifest;
import io.zerowaste.nn.bundle.ModelBundle;
import java.nio.file.Path;
import java.util.Map;

/** Glimpse bundles: the usual manifest + parameters, kind "glimpse", the model's shape and policy in {@code extra}. */
public final class GlimpseBundle {

    public static final String KIND = "glimpse";

    /** A loaded glimpse bundle; {@code policy} is what it was trained with ("subsets" for random glimpse subsets). */
    public record Loaded(BundleManifest manifest, GlimpseModel model, String policy, int glimpses, int start) {

        /** The policy to run when none is asked for: the training policy, or entropy for a subset-trained model. */
        public String defaultPolicy() {
            return GlimpseTraining.SUBSETS.equals(policy) || policy == null ? "entropy" : policy;
        }
    }

    private GlimpseBundle() {}

    public static GlimpseModel build(Map<String, Object> extra, int rows, int cols, int numClasses) {
        return build(GlimpseBundleInfo.of(extra), rows, cols, numClasses);
    }

    public static GlimpseModel build(GlimpseBundleInfo info, int rows, int cols, int numClasses) {
        return new GlimpseModel(GlimpseTraining.grid(rows, cols, info.patch()), info.channels(), info.width(), info.depth(),
                info.decoderDepth(), info.heads(), numClasses);
    }

    public static Loaded read(Path dir, NDManager manager) {
        BundleManifest m = ModelBundle.readManifest(dir);
        if (!KIND.equals(m.kind())) {
            throw ZeroWasteException.badInput(dir + " is a '" + m.kind() + "' bundle, not a glimpse bundle (pass RUN_DIR/model written by 'zerowaste glimpse train')");
        }
        GlimpseBundleInfo info = GlimpseBundleInfo.of(m.extra());
        if (info.width() % Math.max(1, info.heads()) != 0 || info.heads() == 0) {
            throw ZeroWasteException.badInput("corrupt glimpse bundle: width " + info.width() + " is not a multiple of " + info.heads() + " heads");
        }
        GlimpseModel model = build(info, m.architecture().height(), m.architecture().width(), m.architecture().numClasses());
        model.initialize(manager, DataType.FLOAT32, model.inputShapes());
        ModelBundle.loadInitialized(model, ModelBundle.readParameters(dir, m), manager, dir);
        return new Loaded(m, model, info.policy(), info.glimpses(), info.start());
    }
}
