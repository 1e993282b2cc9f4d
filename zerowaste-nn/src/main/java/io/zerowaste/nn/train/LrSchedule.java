package io.zerowaste.nn.train;

import io.zerowaste.core.config.TrainConfig;

/** The learning rate at a global step; a pure function, so a resumed run follows the same curve. */
@FunctionalInterface
public interface LrSchedule {

    double at(long step, long totalSteps);

    /**
     * One-cycle: linear warm-up from max/25 to max over the first 25 % of steps, then cosine annealing to
     * max/2500 (the shape of PyTorch's OneCycleLR with linear warm-up).
     */
    static LrSchedule oneCycle(double max) {
        return (step, total) -> {
            long warm = Math.max(1, Math.round(0.25 * total));
            double start = max / 25;
            if (step < warm) {
                return start + (max - start) * step / warm;
            }
            double end = max / 2500;
            double p = (double) (step - warm) / Math.max(1, total - warm);
            return end + (max - end) * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, p)));
        };
    }

    /** Cosine annealing from max to 0. */
    static LrSchedule cosine(double max) {
        return (step, total) -> max * 0.5 * (1 + Math.cos(Math.PI * Math.min(1.0, (double) step / Math.max(1, total))));
    }

    static LrSchedule of(TrainConfig c) {
        return TrainConfig.COSINE.equals(c.schedule()) ? cosine(c.learningRate()) : oneCycle(c.learningRate());
    }
}
