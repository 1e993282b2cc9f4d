package io.zerowaste.glimpse.policy;

import io.zerowaste.core.ZeroWasteException;
import java.util.List;

/** Where each sample looks next. Policies other than {@code random} start at the data-driven first window. */
public interface GlimpsePolicy {

    List<String> NAMES = List.of("entropy", "random", "checkerboard", "raster");

    String name();

    /** The next position for every sample of the batch. */
    int[] next(GlimpseState state);

    /** Whether {@link GlimpseState#entropy()} must be filled. */
    default boolean needsAttention() {
        return false;
    }

    static GlimpsePolicy of(String name) {
        return switch (name) {
            case "entropy" -> new AttentionEntropyPolicy();
            case "random" -> new RandomPolicy();
            case "checkerboard" -> new CheckerboardPolicy();
            case "raster" -> new RasterPolicy();
            default -> throw ZeroWasteException.badInput("unknown glimpse policy '" + name + "' (use entropy, random, checkerboard, raster or all)");
        };
    }
}
