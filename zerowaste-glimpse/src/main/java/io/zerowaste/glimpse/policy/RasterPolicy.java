package io.zerowaste.glimpse.policy;

import io.zerowaste.glimpse.geometry.GlimpseGrid;

/** Non-overlapping windows left to right, top to bottom. */
public final class RasterPolicy extends FixedOrderPolicy {
    @Override
    public String name() {
        return "raster";
    }

    @Override
    int[] order(GlimpseGrid grid) {
        return tiledFirst(grid, false);
    }
}
