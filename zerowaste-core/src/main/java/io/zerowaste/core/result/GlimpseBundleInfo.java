package io.zerowaste.core.result;

import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.io.Json;
import java.util.Map;

/**
 * What a glimpse bundle's manifest records beside the model ({@code extra}): the policy it was trained with
 * ("subsets" for random glimpse subsets), the glimpse count, the data-driven start window, and the shape the
 * model is rebuilt from: width, encoder depth, decoder depth, heads, patch side and channels.
 */
public record GlimpseBundleInfo(String policy, int glimpses, int start, int width, int depth, int heads, int decoderDepth, int patch,
        int channels) {

    /** Far above any setting here, low enough that a damaged manifest cannot ask for a huge model. */
    private static final Map<String, Integer> MAX_SETTING = Map.of("width", 1024, "depth", 32, "heads", 64, "decoder_depth", 32,
            "patch", 256, "channels", 64);
    private static final int MAX_OTHER = 4096;

    /** The manifest's extra map (keys unchanged on disk). */
    public Map<String, Object> toExtra() {
        return Json.asMap(this);
    }

    /** Reads and bounds-checks a manifest's extra map: the model is allocated from these numbers. */
    public static GlimpseBundleInfo of(Map<String, Object> extra) {
        if (extra != null && !extra.containsKey("decoder_depth") && extra.containsKey("width")) {
            throw ZeroWasteException.badInput("this glimpse bundle was written by an older zerowaste (no decoder): train it again with 'zerowaste glimpse train'");
        }
        return new GlimpseBundleInfo(extra == null || !(extra.get("policy") instanceof String p) ? null : p, num(extra, "glimpses"),
                num(extra, "start"), num(extra, "width"), num(extra, "depth"), num(extra, "heads"), num(extra, "decoder_depth"),
                num(extra, "patch"), num(extra, "channels"));
    }

    private static int num(Map<String, Object> extra, String key) {
        if (extra == null || !(extra.get(key) instanceof Number n)) {
            throw ZeroWasteException.badInput("corrupt glimpse bundle: the manifest lacks '" + key + "'");
        }
        int max = MAX_SETTING.getOrDefault(key, MAX_OTHER);
        if (n.longValue() < 0 || n.longValue() > max) {
            throw ZeroWasteException.badInput("corrupt glimpse bundle: the manifest's '" + key + "' is " + n + " (expected 0.." + max + ")");
        }
        return n.intValue();
    }
}
