package io.zerowaste.glimpse.policy;

import java.util.Arrays;

/** Always the same position: used to find the best single window (the data-driven start). */
public final class SinglePositionPolicy implements GlimpsePolicy {

    private final int position;

    public SinglePositionPolicy(int position) {
        this.position = position;
    }

    @Override
    public String name() {
        return "position-" + position;
    }

    @Override
    public int[] next(GlimpseState state) {
        int[] out = new int[state.batch()];
        Arrays.fill(out, position);
        return out;
    }
}
