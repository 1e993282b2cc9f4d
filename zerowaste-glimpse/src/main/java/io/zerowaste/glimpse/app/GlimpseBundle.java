package io.zerowaste.glimpse.app;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.glimpse.geometry.GlimpseGrid;
import io.zerowaste.glimpse.model.GlimpseModel;
import io.zerowaste.nn.bundle.BundleManifest;
import io.zerowaste.nn.bundle.ModelBundle;
import java.nio.file.Path;
import java.util.Map;

/** Glimpse bundles: the usual manifest + parameters, kind "glimpse", the model's shape and policy in {@code extra}. */
public final class GlimpseBundle {

    public static final String KIND = "glimpse";

    /** A loaded glimpse bundle. */
    public record Loaded(BundleManifest manifest, GlimpseModel model, String policy, int glimpses, int start) {}

    /** Far above any setting here (width 64, depth 4, 4 heads by default), low enough that no model is huge. */
    private static final Map<String, Integer> MAX_SETTING = Map.of("width", 1024, "depth", 32, "heads", 64);
    private static final int MAX_OTHER = 4096;

    private GlimpseBundle() {}

    public static GlimpseModel build(Map<String, Object> extra, int rows, int cols, int numClasses) {
        return new GlimpseModel(GlimpseGrid.standard(rows, cols), num(extra, "width"), num(extra, "depth"), num(extra, "heads"), numClasses);
    }

    public static Loaded read(Path dir, NDManager manager) {
        BundleManifest m = ModelBundle.readManifest(dir);
        if (!KIND.equals(m.kind())) {
            throw ZeroWasteException.badInput(dir + " is a '" + m.kind() + "' bundle, not a glimpse bundle (pass a folder written by 'zerowaste glimpse train')");
        }
        Map<String, Object> extra = m.extra();
        GlimpseModel model = build(extra, m.architecture().height(), m.architecture().width(), m.architecture().numClasses());
        model.initialize(manager, DataType.FLOAT32, model.inputShapes());
        ModelBundle.loadInitialized(model, ModelBundle.readParameters(dir, m), manager, dir);
        return new Loaded(m, model, (String) extra.get("policy"), num(extra, "glimpses"), num(extra, "start"));
    }

    private static int num(Map<String, Object> extra, String key) {
        if (extra == null || !(extra.get(key) instanceof Number n)) {
            throw ZeroWasteException.badInput("corrupt glimpse bundle: the manifest lacks '" + key + "'");
        }
        // the model is allocated from these numbers, so a damaged manifest must not be able to ask for a huge one
        int max = MAX_SETTING.getOrDefault(key, MAX_OTHER);
        if (n.longValue() < 0 || n.longValue() > max) {
            throw ZeroWasteException.badInput("corrupt glimpse bundle: the manifest's '" + key + "' is " + n + " (expected 0.." + max + ")");
        }
        return n.intValue();
    }
}
