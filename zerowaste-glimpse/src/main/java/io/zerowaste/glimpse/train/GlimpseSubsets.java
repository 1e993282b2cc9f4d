package io.zerowaste.glimpse.train;

import io.zerowaste.glimpse.geometry.GlimpseGrid;
import io.zerowaste.glimpse.policy.GlimpsePolicy;
import io.zerowaste.glimpse.policy.GlimpseState;
import io.zerowaste.glimpse.policy.RandomPolicy;
import java.util.Random;

/**
 * Random glimpse sets: what the random policy would have seen after {@code k} glimpses (each window uniform
 * among those that still reveal something). The policy-agnostic model trains on these.
 */
public final class GlimpseSubsets {

    private static final GlimpsePolicy RANDOM = new RandomPolicy();

    private GlimpseSubsets() {}

    /** Per sample, the patches seen after {@code k} random glimpses. */
    public static boolean[][] draw(GlimpseGrid g, int n, int k, Random random) {
        boolean[][] seen = new boolean[n][g.patches()];
        boolean[][] taken = new boolean[n][g.positions()];
        for (int t = 0; t < k; t++) {
            int[] pos = RANDOM.next(new GlimpseState(g, seen, taken, null, t, random, -1));
            for (int i = 0; i < n; i++) {
                taken[i][pos[i]] = true;
                for (int p : g.patchesOf(pos[i])) {
                    seen[i][p] = true;
                }
            }
        }
        return seen;
    }
}
