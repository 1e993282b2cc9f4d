package io.zerowaste.glimpse.policy;

import io.zerowaste.glimpse.geometry.GlimpseGrid;
import java.util.Random;

/**
 * What a policy knows when it picks the next glimpse of every sample in a batch.
 *
 * @param seen per sample, the patches revealed so far
 * @param taken per sample, the glimpse positions already used
 * @param entropy per sample and patch, the entropy of the patch's attention row in the decoder's last layer
 *     after the previous step, summed over heads, N × P flattened; null when the policy does not need it or
 *     nothing was computed yet
 * @param step how many glimpses were taken already (0 for the first)
 * @param start the data-driven first position (the best single window on validation), or −1 for the policy's
 *     own fixed start (AME's)
 */
public record GlimpseState(GlimpseGrid grid, boolean[][] seen, boolean[][] taken, float[] entropy, int step,
        Random random, int start) {

    /** The attention entropy of sample {@code i}'s patch {@code p}. */
    public double entropy(int i, int p) {
        return entropy[i * grid.patches() + p];
    }

    public int batch() {
        return seen.length;
    }

    /** Whether position {@code pos} would still reveal something for sample {@code i}. */
    public boolean revealsNew(int i, int pos) {
        if (taken[i][pos]) {
            return false;
        }
        for (int p : grid.patchesOf(pos)) {
            if (!seen[i][p]) {
                return true;
            }
        }
        return false;
    }

    /** The first position in {@code order} that still reveals something, else the first untaken one. */
    public int firstUseful(int i, int[] order) {
        for (int pos : order) {
            if (revealsNew(i, pos)) {
                return pos;
            }
        }
        for (int pos : order) {
            if (!taken[i][pos]) {
                return pos;
            }
        }
        return order[0];
    }
}
