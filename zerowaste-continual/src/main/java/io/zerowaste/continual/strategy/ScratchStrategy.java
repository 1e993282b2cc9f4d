package io.zerowaste.continual.strategy;

import io.zerowaste.continual.scenario.Experience;
import io.zerowaste.core.data.ImageSet;
import java.util.List;

/**
 * Re-initialises and trains on everything seen so far at every experience: the wasteful upper bound that
 * every saving is measured against.
 */
public final class ScratchStrategy extends ModelStrategy {
    public ScratchStrategy() {
        super("scratch", List.of());
    }

    @Override
    protected boolean reinitialise(int t) {
        return true;
    }

    @Override
    protected ImageSet trainingData(Experience exp, LearningContext ctx) {
        return ctx.scenario().trainThrough(exp.index());
    }
}
