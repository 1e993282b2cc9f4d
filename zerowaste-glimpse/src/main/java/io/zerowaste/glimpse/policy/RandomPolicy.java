package io.zerowaste.glimpse.policy;

import java.util.ArrayList;
import java.util.List;

/** A uniformly random position among those that still reveal something (the first glimpse too). */
public final class RandomPolicy implements GlimpsePolicy {

    @Override
    public String name() {
        return "random";
    }

    @Override
    public int[] next(GlimpseState s) {
        int[] out = new int[s.batch()];
        for (int i = 0; i < out.length; i++) {
            List<Integer> options = new ArrayList<>();
            for (int pos = 0; pos < s.grid().positions(); pos++) {
                if (s.revealsNew(i, pos)) {
                    options.add(pos);
                }
            }
            out[i] = options.isEmpty() ? s.random().nextInt(s.grid().positions()) : options.get(s.random().nextInt(options.size()));
        }
        return out;
    }
}
