package io.zerowaste.continual.strategy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.zerowaste.continual.model.ContinualNet;
import io.zerowaste.continual.plugin.ContinualPlugin;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.nn.train.Losses;
import io.zerowaste.nn.train.Objective;
import java.util.List;

/**
 * Masked cross-entropy on the batch plus every plugin's penalty. After each epoch it runs the context's
 * probe (set during the last experience) instead of a validation score.
 */
final class ContinualObjective implements Objective {

    private final ContinualNet net;
    private final TrainingMask mask;
    private final List<ContinualPlugin> plugins;
    private final ContinualPlugin.ExperienceEvent experience;
    private long step;

    ContinualObjective(ContinualNet net, TrainingMask mask, List<ContinualPlugin> plugins, ContinualPlugin.ExperienceEvent experience) {
        this.net = net;
        this.mask = mask;
        this.plugins = plugins;
        this.experience = experience;
    }

    @Override
    public NDArray loss(ParameterStore ps, NDArray x, NDArray y) {
        int[] labels = y.toIntArray();
        NDArray logits = net.forward(ps, new NDList(x), true).singletonOrThrow();
        NDArray loss = Losses.crossEntropy(mask.apply(logits, labels), y);
        ContinualPlugin.StepEvent event = new ContinualPlugin.StepEvent(ps, x, labels, logits, mask, step++, experience);
        for (ContinualPlugin p : plugins) {
            NDArray extra = p.penalty(event);
            if (extra != null) {
                loss = loss.add(extra);
            }
        }
        return loss;
    }

    @Override
    public double validate(NDManager manager, BatchAssembler validation) {
        return experience.context().probeNow();
    }
}
