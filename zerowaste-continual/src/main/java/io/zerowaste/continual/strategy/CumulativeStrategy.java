package io.zerowaste.continual.strategy;

import io.zerowaste.continual.scenario.Experience;
import io.zerowaste.core.data.ImageSet;
import java.util.List;

/**
 * Trains on everything seen so far, starting from the previous weights (reuse): after the first experience
 * it needs only {@code cumulativeEpochs} passes (default 1) instead of scratch's full schedule.
 */
public final class CumulativeStrategy extends ModelStrategy {
    public CumulativeStrategy() {
        super("cumulative", List.of());
    }

    @Override
    protected ImageSet trainingData(Experience exp, LearningContext ctx) {
        return ctx.scenario().trainThrough(exp.index());
    }

    @Override
    protected int epochs(Experience exp, LearningContext ctx) {
        return exp.index() == 0 ? ctx.config().epochs() : ctx.config().cumulativeEpochs();
    }
}
