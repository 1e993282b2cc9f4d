package io.zerowaste.continual.seedexperts;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.zerowaste.continual.model.ContinualNet;
import io.zerowaste.continual.strategy.TrainingMask;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.nn.train.Losses;
import io.zerowaste.nn.train.Objective;
import io.zerowaste.nn.train.Scalars;

/**
 * An expert's loss in SEED: masked cross-entropy on the experience's classes; when fine-tuning an existing
 * expert, (1−α)·CE + α·MSE between its features and those of its frozen copy from before, with batch norm
 * frozen (inference-mode statistics).
 */
final class SeedObjective implements Objective {

    private final ContinualNet expert;
    private final ContinualNet frozenCopy; // null while training a new expert
    private final TrainingMask mask;
    private final double alpha;
    private final Runnable countOldForward;

    SeedObjective(ContinualNet expert, ContinualNet frozenCopy, TrainingMask mask, double alpha, Runnable countOldForward) {
        this.expert = expert;
        this.frozenCopy = frozenCopy;
        this.mask = mask;
        this.alpha = alpha;
        this.countOldForward = countOldForward;
    }

    @Override
    public NDArray loss(ParameterStore ps, NDArray x, NDArray y) {
        boolean bnTraining = frozenCopy == null;
        NDArray f = expert.features(ps, x, bnTraining);
        NDArray ce = Losses.crossEntropy(mask.apply(expert.classify(ps, f, bnTraining), y.toIntArray()), y);
        if (frozenCopy == null) {
            return ce;
        }
        NDArray old = frozenCopy.features(ps, x, false).stopGradient();
        countOldForward.run();
        NDArray d = f.sub(old);
        return Scalars.times(ce, 1 - alpha).add(Scalars.times(d.mul(d).mean(), alpha));
    }

    @Override
    public double validate(NDManager manager, BatchAssembler validation) {
        return Double.NaN;
    }
}
