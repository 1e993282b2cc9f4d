package io.zerowaste.glimpse.policy;

import io.zerowaste.glimpse.geometry.GlimpseGrid;

/** Non-overlapping windows in a checkerboard order: one colour of the board, then the other. */
public final class CheckerboardPolicy extends FixedOrderPolicy {
    @Override
    public String name() {
        return "checkerboard";
    }

    @Override
    int[] order(GlimpseGrid grid) {
        return tiledFirst(grid, true);
    }
}
