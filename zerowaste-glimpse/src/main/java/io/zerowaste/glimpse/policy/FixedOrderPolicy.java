package io.zerowaste.glimpse.policy;

import io.zerowaste.glimpse.geometry.GlimpseGrid;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A fixed visiting order after the data-driven start (or from the order's own first window when
 * {@code start < 0}, AME's fixed start); skips positions that would reveal nothing new.
 */
abstract class FixedOrderPolicy implements GlimpsePolicy {

    /** The order over positions for this grid. */
    abstract int[] order(GlimpseGrid grid);

    @Override
    public int[] next(GlimpseState s) {
        int[] order = order(s.grid());
        int[] out = new int[s.batch()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.step() == 0 && s.start() >= 0 && s.revealsNew(i, s.start()) ? s.start() : s.firstUseful(i, order);
        }
        return out;
    }

    /** Every position, row-major. */
    static int[] rowMajor(GlimpseGrid g) {
        return java.util.stream.IntStream.range(0, g.positions()).toArray();
    }

    /** Non-overlapping windows (every {@code window}-th position) first, then all others, each row-major. */
    static int[] tiledFirst(GlimpseGrid g, boolean checker) {
        LinkedHashSet<Integer> seq = new LinkedHashSet<>();
        List<Integer> tiles = new ArrayList<>();
        for (int r = 0; r < g.positionRows(); r += g.window()) {
            for (int c = 0; c < g.positionCols(); c += g.window()) {
                tiles.add(r * g.positionCols() + c);
            }
        }
        if (checker) { // black squares of the tile board first, then white ones
            for (int parity = 0; parity < 2; parity++) {
                for (int t : tiles) {
                    int r = t / g.positionCols() / g.window();
                    int c = t % g.positionCols() / g.window();
                    if ((r + c) % 2 == parity) {
                        seq.add(t);
                    }
                }
            }
        } else {
            seq.addAll(tiles);
        }
        for (int pos = 0; pos < g.positions(); pos++) {
            seq.add(pos);
        }
        return seq.stream().mapToInt(Integer::intValue).toArray();
    }
}
