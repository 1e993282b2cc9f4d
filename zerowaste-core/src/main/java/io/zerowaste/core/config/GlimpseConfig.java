package io.zerowaste.core.config;

import io.zerowaste.core.ZeroWasteException;
import java.util.List;

/**
 * Training glimpse models (DESIGN §8). Defaults: width 48, 3 layers, 4 heads, 8 glimpses, Adam with a one-cycle
 * schedule peaking at 3e-3, weight decay 1e-4, batch 128, 1 epoch.
 *
 * <p>Why so small: one policy's model costs T = 8 forward and backward passes a training sample, and
 * {@code --policy all} trains five models (four policies and the full image); at this size one run stays
 * inside an hour even with {@code --epochs 2} (timings in docs/PERFORMANCE.md). The learning rate: one epoch of the full-image model on
 * 20,000 images reached 66.8 % validation accuracy at 1e-3, 73.3 % at 3e-3 and 74.6 % at 6e-3; 3e-3 is the
 * safer of the two good ones.
 *
 * @param policies the policies to train and compare; "full" trains the full-image bound
 */
public record GlimpseConfig(List<String> policies, int glimpses, int width, int depth, int heads, int epochs, int batchSize,
        double learningRate, long seed, int trainLimit) {

    public static final List<String> POLICIES = List.of("entropy", "random", "checkerboard", "raster");

    public GlimpseConfig {
        policies = List.copyOf(policies);
        for (String p : policies) {
            if (!POLICIES.contains(p) && !p.equals("full")) {
                throw ZeroWasteException.badInput("unknown --policy '" + p + "' (use entropy, random, checkerboard, raster or all)");
            }
        }
        if (!(learningRate > 0) || learningRate > 1) {
            throw ZeroWasteException.badInput("--lr must be in (0, 1] (got " + learningRate + ")");
        }
        if (glimpses < 1 || epochs < 1 || width < 8 || depth < 1 || heads < 1 || width % heads != 0) {
            throw ZeroWasteException.badInput("--glimpses, --epochs and --depth must be at least 1, --width a multiple of --heads");
        }
    }

    public static GlimpseConfig defaults() {
        return new GlimpseConfig(List.of("entropy"), 8, 48, 3, 4, 1, 128, 3e-3, 0, 0);
    }

    /** "all" expands to every policy plus the full image. */
    public static List<String> expand(String policy) {
        if ("all".equals(policy)) {
            List<String> all = new java.util.ArrayList<>(POLICIES);
            all.add("full");
            return all;
        }
        return List.of(policy);
    }
}
