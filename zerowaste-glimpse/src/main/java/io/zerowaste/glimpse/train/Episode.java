package io.zerowaste.glimpse.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.zerowaste.glimpse.geometry.GlimpseGrid;
import io.zerowaste.glimpse.model.GlimpseModel;
import io.zerowaste.glimpse.policy.GlimpsePolicy;
import io.zerowaste.glimpse.policy.GlimpseState;
import java.util.Random;
import java.util.function.Consumer;

/**
 * One batch seen glimpse by glimpse: at each step the policy picks a position per sample (from what the
 * model said after the previous step; no gradient flows through the choice), the window's patches are
 * revealed, and the model runs on everything seen so far. With AME's own start ({@code start < 0}) a policy
 * that reads attention first looks at the model's answer for an empty view.
 */
public final class Episode {

    /** What the model produced after step {@code step} (1-based glimpse count). */
    public record Step(int step, NDArray logits, NDArray reconstruction, boolean[][] seen, int[] positions) {}

    private Episode() {}

    /** Images N×C×H×W (normalised) as patch vectors N×P×(C·p²), each patch's values channel by channel. */
    public static NDArray patches(NDArray images, GlimpseGrid g) {
        long n = images.getShape().get(0);
        long c = images.getShape().get(1);
        return images.reshape(n, c, g.gridRows(), g.patch(), g.gridCols(), g.patch()).transpose(0, 2, 4, 1, 3, 5)
                .reshape(n, g.patches(), c * g.patchPixels());
    }

    /** A seen mask (N × P, 1 = seen) as an array owned by {@code m}. */
    public static NDArray mask(NDManager m, boolean[][] seen) {
        int n = seen.length;
        int p = seen[0].length;
        float[] f = new float[n * p];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < p; k++) {
                f[i * p + k] = seen[i][k] ? 1f : 0f;
            }
        }
        return m.create(f, new Shape(n, p));
    }

    /** Runs {@code steps} glimpses, calling {@code onStep} after each. */
    public static void run(GlimpseModel model, ParameterStore ps, NDArray patches, GlimpsePolicy policy, int steps, int start,
            Random random, boolean training, Consumer<Step> onStep) {
        GlimpseGrid g = model.grid();
        int n = (int) patches.getShape().get(0);
        boolean[][] seen = new boolean[n][g.patches()];
        boolean[][] taken = new boolean[n][g.positions()];
        float[] entropy = null;
        if (policy.needsAttention() && start < 0) { // AME's zero step: the decoder's attention before any glimpse
            entropy = model.run(ps, patches, seen, false, true).entropy().toFloatArray();
        }
        for (int t = 0; t < steps; t++) {
            int[] pos = policy.next(new GlimpseState(g, seen, taken, entropy, t, random, start));
            for (int i = 0; i < n; i++) {
                taken[i][pos[i]] = true;
                for (int p : g.patchesOf(pos[i])) {
                    seen[i][p] = true;
                }
            }
            GlimpseModel.Output out = model.run(ps, patches, seen, training, true);
            if (policy.needsAttention() && t + 1 < steps) { // the last step chooses nothing
                entropy = out.entropy().toFloatArray();
            }
            onStep.accept(new Step(t + 1, out.logits(), out.reconstruction(), copy(seen), pos));
        }
    }

    static boolean[][] copy(boolean[][] a) {
        boolean[][] c = new boolean[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
