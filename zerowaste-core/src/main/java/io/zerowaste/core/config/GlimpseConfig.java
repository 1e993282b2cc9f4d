package io.zerowaste.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.zerowaste.core.ZeroWasteException;
import java.util.List;

/**
 * Training one policy-agnostic glimpse model (issue 23) and evaluating every policy on it. Defaults: a ViT of
 * width 96 with 4 encoder and 2 decoder layers, 4 heads, 4×4-pixel patches, up to 8 glimpses of 2×2 patches;
 * Adam with a one-cycle schedule peaking at 1e-3, batch 128; the training length a budget of optimizer steps
 * (0 = auto: scaled to the data set, see {@link #stepsFor(int)}) with early stopping on validation.
 *
 * @param policies the policies to evaluate on the model ("all": every one)
 * @param depth encoder layers
 * @param patch patch side in pixels (the grid follows from the image size)
 * @param steps optimizer steps; 0 = auto
 * @param trainPolicy null: random glimpse subsets (1..T per batch); else that policy in the training loop
 * @param patience validation rounds without improvement before training stops
 * @param init null: train from a fresh initialisation; else the glimpse bundle to start from (fine-tuning). Left out
 *     of the recorded config when null, so that runs and checkpoints written before it existed still match
 */
public record GlimpseConfig(List<String> policies, int glimpses, int width, int depth, int decoderDepth, int heads, int patch, int steps,
        int batchSize, double learningRate, long seed, int trainLimit, String trainPolicy, int patience,
        @JsonInclude(JsonInclude.Include.NON_NULL) String init) {

    /** A run from a fresh initialisation. */
    public GlimpseConfig(List<String> policies, int glimpses, int width, int depth, int decoderDepth, int heads, int patch, int steps,
            int batchSize, double learningRate, long seed, int trainLimit, String trainPolicy, int patience) {
        this(policies, glimpses, width, depth, decoderDepth, heads, patch, steps, batchSize, learningRate, seed, trainLimit, trainPolicy,
                patience, null);
    }

    public static final List<String> POLICIES = List.of("entropy", "random", "checkerboard", "raster");

    /** Auto budget: this many passes over the training set, within [MIN_STEPS, MAX_STEPS]. */
    public static final int AUTO_EPOCHS = 12;
    public static final int MIN_STEPS = 1500;
    public static final int MAX_STEPS = 4000;

    public GlimpseConfig {
        policies = List.copyOf(policies);
        for (String p : policies) {
            if (!POLICIES.contains(p)) {
                throw ZeroWasteException.badInput("unknown --policy '" + p + "' (use entropy, random, checkerboard, raster or all)");
            }
        }
        if (trainPolicy != null && !POLICIES.contains(trainPolicy)) {
            throw ZeroWasteException.badInput("unknown --train-policy '" + trainPolicy + "' (use entropy, random, checkerboard or raster)");
        }
        if (!(learningRate > 0) || learningRate > 1) {
            throw ZeroWasteException.badInput("--lr must be in (0, 1] (got " + learningRate + ")");
        }
        if (glimpses < 1 || depth < 1 || decoderDepth < 1 || width < 8 || heads < 1 || width % heads != 0) {
            throw ZeroWasteException.badInput("--glimpses, --depth and --decoder-depth must be at least 1, --width a multiple of the 4 heads");
        }
        if (patch < 1 || steps < 0 || batchSize < 1 || patience < 1 || trainLimit < 0) {
            throw ZeroWasteException.badInput("--patch, --batch and --patience must be at least 1; --steps and --train-limit not negative");
        }
    }

    public static GlimpseConfig defaults() {
        return new GlimpseConfig(POLICIES, 8, 96, 4, 2, 4, 4, 0, 128, 1e-3, 0, 0, null, 6);
    }

    /** The step budget for {@code trainImages} training images: {@code steps}, or the auto budget. */
    public int stepsFor(int trainImages) {
        if (steps > 0) {
            return steps;
        }
        long perEpoch = (trainImages + batchSize - 1L) / batchSize;
        return (int) Math.max(MIN_STEPS, Math.min(MAX_STEPS, AUTO_EPOCHS * perEpoch));
    }

    /** Steps between validations: one epoch, within [25, 250]. */
    public int roundSteps(int trainImages) {
        long perEpoch = (trainImages + batchSize - 1L) / batchSize;
        return (int) Math.max(25, Math.min(250, perEpoch));
    }

    /** "all" expands to every policy. */
    public static List<String> expand(String policy) {
        return "all".equals(policy) ? POLICIES : List.of(policy);
    }
}
