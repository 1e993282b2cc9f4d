package io.zerowaste.glimpse.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.zerowaste.core.Seeds;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.glimpse.model.GlimpseModel;
import io.zerowaste.glimpse.policy.GlimpsePolicy;
import io.zerowaste.nn.train.Losses;
import io.zerowaste.nn.train.Objective;
import java.util.Random;
import io.zerowaste.nn.train.Scalars;

/**
 * The glimpse model's training loss (DESIGN §8): CE + 0.01·MSE of the reconstruction on the unseen patches,
 * averaged over glimpse steps 1..T, with the positions chosen inside the loop by the policy being trained.
 * {@code policy == null} trains on the full image (one step, CE only). After each epoch the data-driven start
 * window is re-chosen on validation, and the score is the accuracy after T glimpses.
 */
public final class GlimpseObjective implements Objective {

    public static final float RECONSTRUCTION_WEIGHT = 0.01f;

    private final GlimpseModel model;
    private final GlimpsePolicy policy;
    private final int glimpses;
    private final long seed;
    private int start;
    private long step;

    public GlimpseObjective(GlimpseModel model, GlimpsePolicy policy, int glimpses, long seed, int start) {
        this.model = model;
        this.policy = policy;
        this.glimpses = glimpses;
        this.seed = seed;
        this.start = start;
    }

    public int start() {
        return start;
    }

    @Override
    public NDArray loss(ParameterStore ps, NDArray x, NDArray y) {
        NDArray patches = Episode.patches(x, model.grid());
        if (policy == null) {
            NDArray all = patches.getManager().ones(new ai.djl.ndarray.types.Shape(patches.getShape().get(0), model.grid().patches()));
            return Losses.crossEntropy(model.run(ps, patches, all, true).get(0), y);
        }
        NDArray[] total = new NDArray[1];
        Random rnd = new Random(Seeds.split(seed, "glimpse/train-step-" + step++));
        Episode.run(model, ps, patches, policy, glimpses, start, rnd, true, s -> {
            NDArray unseen = Episode.mask(patches.getManager(), s.seen()).neg().add(1f).expandDims(2);
            NDArray err = s.reconstruction().sub(patches).mul(unseen);
            NDArray mse = err.mul(err).sum().div(unseen.sum().mul(model.grid().patchPixels()).add(1f));
            NDArray l = Losses.crossEntropy(s.logits(), y).add(Scalars.times(mse, RECONSTRUCTION_WEIGHT));
            total[0] = total[0] == null ? l : total[0].add(l);
        });
        return Scalars.dividedBy(total[0], glimpses);
    }

    @Override
    public double validate(NDManager manager, BatchAssembler validation) {
        if (policy == null) {
            return GlimpseEvaluator.fullImageAccuracy(model, manager, validation);
        }
        if (!"random".equals(policy.name())) {
            start = GlimpseEvaluator.bestStart(model, manager, validation, 1000);
        }
        return GlimpseEvaluator.evaluate(model, manager, validation, policy, glimpses, start, seed, new double[0]).accuracyByGlimpses()
                [glimpses - 1];
    }

}
