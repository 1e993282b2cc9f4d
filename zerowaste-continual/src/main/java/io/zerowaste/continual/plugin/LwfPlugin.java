package io.zerowaste.continual.plugin;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.zerowaste.continual.model.ContinualNet;
import io.zerowaste.continual.scenario.Scenario;
import io.zerowaste.continual.strategy.TrainingMask;
import io.zerowaste.nn.train.Scalars;

/**
 * Learning without forgetting: loss + λ·T²·KL(softmax(z_old/T) ‖ softmax(z_new/T)) over the classes seen
 * before this experience, where z_old are the logits of a frozen copy of the model taken before it.
 */
public final class LwfPlugin implements ContinualPlugin {

    private final double lambda;
    private final double temperature;
    private ContinualNet old;
    private NDArray oldMask;

    public LwfPlugin(double lambda, double temperature) {
        this.lambda = lambda;
        this.temperature = temperature;
    }

    @Override
    public void beforeExperience(ExperienceEvent e) {
        int t = e.experience().index();
        if (t == 0) {
            return;
        }
        if (old == null) {
            old = e.context().freshNet("lwf/old");
            old.getParameters().values().forEach(p -> p.freeze(true));
        }
        old.copyFrom(e.net());
        Scenario s = e.context().scenario();
        // Domain-il: every class is an old class. Otherwise the classes of the earlier experiences.
        boolean[] before = Scenario.DOMAIN_IL.equals(s.kind()) ? s.seenThrough(t) : s.seenThrough(t - 1);
        if (oldMask != null) {
            oldMask.close();
        }
        oldMask = e.context().manager().create(TrainingMask.additive(before));
    }

    @Override
    public NDArray penalty(StepEvent e) {
        if (e.experience().experience().index() == 0) {
            return null;
        }
        NDArray zOld = old.forward(e.ps(), new NDList(e.x()), false).singletonOrThrow().stopGradient();
        e.experience().context().meter().inferred(e.labels().length);
        return Scalars.times(distillation(e.logits(), zOld, oldMask, temperature), lambda);
    }

    /**
     * T²·KL(softmax(old/T) ‖ softmax(new/T)), mean over the batch, over the outputs {@code mask} allows
     * (additive: 0 allowed, −1e9 not).
     */
    public static NDArray distillation(NDArray zNew, NDArray zOld, NDArray mask, double temperature) {
        NDArray logPOld = Scalars.dividedBy(zOld, temperature).add(mask).logSoftmax(1);
        NDArray logPNew = Scalars.dividedBy(zNew, temperature).add(mask).logSoftmax(1);
        NDArray pOld = logPOld.exp();
        NDArray kl = pOld.mul(logPOld.sub(logPNew)).sum(new int[] {1});
        return Scalars.times(kl.mean(), temperature * temperature);
    }
}
