package io.zerowaste.glimpse.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.zerowaste.core.Seeds;
import io.zerowaste.core.config.TrainConfig;
import io.zerowaste.core.data.Augmentation;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.core.data.Split;
import io.zerowaste.glimpse.model.GlimpseModel;
import io.zerowaste.glimpse.policy.GlimpsePolicy;
import io.zerowaste.nn.bundle.ModelBundle;
import io.zerowaste.nn.train.LrSchedule;
import io.zerowaste.nn.train.Losses;
import io.zerowaste.nn.train.Optimizer;
import io.zerowaste.nn.train.Scalars;
import io.zerowaste.nn.train.TrainingDivergedException;
import io.zerowaste.nn.train.TrainingHistory;
import io.zerowaste.nn.train.TrainingHook;
import io.zerowaste.nn.train.TrainingState;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trains the glimpse model for a budget of optimizer steps, validating every {@code roundSteps} steps and
 * stopping early once {@code patience} rounds pass without a validation score better by more than 0.1 point; the best round's
 * parameters are kept. Each step draws a glimpse count k uniform in 1..T and, per sample, k random windows
 * (random glimpse subsets), unless a policy is given: then the policy chooses the T windows inside the loop and
 * the loss is averaged over the T steps. Loss: CE + 0.01 × MSE of the reconstructed unseen patches.
 *
 * <p>Everything random depends only on (seed, global step): the batch order of the epoch the step falls in and
 * the glimpse draw. The learning rate depends only on the step. A run resumed from a round checkpoint therefore
 * repeats exactly what the uninterrupted run would have done.
 */
public final class GlimpseTrainer implements TrainingState {

    public static final float RECONSTRUCTION_WEIGHT = 0.01f;
    /** A round counts as better only by more than this much (0.1 point): noise-level gains must not hold off stopping. */
    static final double MIN_IMPROVEMENT = 0.001;

    /** The budget: total steps, steps per validation round, rounds without improvement before stopping. */
    public record Budget(int steps, int roundSteps, int patience) {

        public int rounds() {
            return (steps + roundSteps - 1) / roundSteps;
        }
    }

    /** The end of training: the history (one entry per round) and the round whose parameters were kept. */
    public record Result(TrainingHistory history, int bestRound, boolean stoppedEarly) {}

    private final GlimpseModel model;
    private final NDManager manager;
    private final int glimpses;
    private final int batchSize;
    private final long seed;
    private final GlimpsePolicy trainPolicy;
    private final int policyStart;
    private final Budget budget;
    private final LrSchedule schedule;
    private final Optimizer optimizer;
    private final List<TrainingHook> hooks;

    public GlimpseTrainer(GlimpseModel model, NDManager manager, int glimpses, int batchSize, double learningRate, long seed,
            GlimpsePolicy trainPolicy, int policyStart, Budget budget, List<TrainingHook> hooks) {
        this.model = model;
        this.manager = manager;
        this.glimpses = glimpses;
        this.batchSize = batchSize;
        this.seed = seed;
        this.trainPolicy = trainPolicy;
        this.policyStart = policyStart;
        this.budget = budget;
        this.hooks = List.copyOf(hooks);
        this.schedule = LrSchedule.oneCycle(learningRate);
        List<Parameter> trainable = new ArrayList<>();
        for (Parameter p : model.getParameters().values()) {
            if (p.requiresGradient()) {
                trainable.add(p);
            }
        }
        TrainConfig tc = new TrainConfig("glimpse", 1, batchSize, TrainConfig.ADAM, learningRate, 0.9, 1e-4, TrainConfig.ONE_CYCLE, 0, false,
                seed, 0);
        this.optimizer = Optimizer.create(tc, trainable, manager);
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * Trains from {@code restored} (null for a fresh start) and leaves the best round's parameters in the model.
     * {@code checkpoint} (may be null) is called after every round with what must be saved.
     */
    public Result run(BatchAssembler train, BatchAssembler validation, GlimpseCheckpoint.Restored restored, Checkpointer checkpoint) {
        int n = train.images().size();
        int stepsPerEpoch = (n + batchSize - 1) / batchSize;
        TrainingHistory hist = restored == null ? TrainingHistory.empty() : restored.history();
        int bestRound = restored == null ? -1 : restored.bestRound();
        byte[] best = restored == null ? null : restored.bestParameters();
        boolean stopped = restored != null && restored.stopped();
        int rounds = budget.rounds();
        int firstRound = hist.epochsDone();
        hooks.forEach(h -> h.onTrainStart(new TrainingHook.TrainStartEvent(firstRound, rounds, budget.roundSteps(),
                budget.roundSteps() * batchSize)));
        ParameterStore ps = new ParameterStore(manager, false);
        for (int round = firstRound; round < rounds && !stopped; round++) {
            long t0 = System.nanoTime();
            long from = (long) round * budget.roundSteps();
            long to = Math.min(budget.steps(), from + budget.roundSteps());
            double lossSum = 0;
            for (long global = from; global < to; global++) {
                float lr = (float) schedule.at(global, budget.steps());
                float loss = step(ps, train, stepsPerEpoch, global, lr);
                if (!Float.isFinite(loss)) {
                    throw new TrainingDivergedException("glimpse training diverged at step " + (global + 1) + ": the loss is " + loss
                            + " (lower --lr)");
                }
                lossSum += loss;
                TrainingHook.StepEvent ev = new TrainingHook.StepEvent(round, global, (int) (global - from), batchSize, loss, lr);
                hooks.forEach(h -> h.onStepEnd(ev));
            }
            double stepSeconds = (System.nanoTime() - t0) / 1e9;
            double score = GlimpseEvaluator.validationScore(model, manager, validation, glimpses, seed);
            double seconds = (System.nanoTime() - t0) / 1e9;
            hist = hist.plus(lossSum / (to - from), score, seconds, stepSeconds, (int) ((to - from) * batchSize));
            if (bestRound < 0 || score > hist.valAccuracy().get(bestRound) + MIN_IMPROVEMENT) {
                bestRound = round;
                best = ModelBundle.serialize(model);
            }
            stopped = round - bestRound >= budget.patience() && round + 1 < rounds;
            if (checkpoint != null) {
                checkpoint.save(hist, bestRound, stopped, ModelBundle.serialize(model), best, optimizer.saveState().encode());
            }
            TrainingHook.EpochEvent ev = new TrainingHook.EpochEvent(round, rounds, lossSum / (to - from), score, seconds, hist, this);
            hooks.forEach(h -> h.onEpochEnd(ev));
        }
        TrainingHistory done = hist;
        hooks.forEach(h -> h.onTrainEnd(new TrainingHook.TrainEndEvent(done)));
        if (best != null) {
            ModelBundle.loadInitialized(model, best, manager, Path.of("best round"));
        }
        return new Result(hist, bestRound, stopped);
    }

    /** Saves a round: history, best round, whether training stopped, and the three parameter blobs. */
    @FunctionalInterface
    public interface Checkpointer {
        void save(TrainingHistory history, int bestRound, boolean stopped, byte[] params, byte[] best, byte[] optimizer);
    }

    /** A checkpointer into {@code runDir}. */
    public static Checkpointer into(Path runDir, Map<String, Object> config) {
        return (h, b, s, p, best, o) -> GlimpseCheckpoint.write(runDir, config, h, b, s, p, best, o);
    }

    private float step(ParameterStore ps, BatchAssembler train, int stepsPerEpoch, long global, float lr) {
        int n = train.images().size();
        int epoch = (int) (global / stepsPerEpoch);
        int s = (int) (global % stepsPerEpoch);
        int[] order = Split.permutation(n, new Random(Seeds.split(seed, "glimpse/batch-order/epoch-" + epoch)));
        int from = s * batchSize;
        int to = Math.min(n, from + batchSize);
        Random draw = new Random(Seeds.split(seed, "glimpse/subsets/step-" + global));
        int rows = train.images().rows();
        int cols = train.images().cols();
        try (NDScope scope = new NDScope()) {
            NDArray x = manager.create(train.pixels(order, from, to, Augmentation.NONE, null), new Shape(to - from, model.channels(), rows, cols));
            NDArray y = manager.create(train.labels(order, from, to));
            NDArray patches = Episode.patches(x, model.grid());
            float loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = trainPolicy == null ? subsetLoss(ps, patches, y, draw) : policyLoss(ps, patches, y, draw);
                gc.backward(l);
                loss = l.getFloat();
            }
            optimizer.step(lr);
            return loss;
        }
    }

    /** One pass on k random windows per sample, k uniform in 1..T for the whole batch. */
    private NDArray subsetLoss(ParameterStore ps, NDArray patches, NDArray y, Random draw) {
        int k = 1 + draw.nextInt(glimpses);
        boolean[][] seen = GlimpseSubsets.draw(model.grid(), (int) patches.getShape().get(0), k, draw);
        GlimpseModel.Output out = model.run(ps, patches, seen, true, true);
        return loss(out.logits(), out.reconstruction(), patches, y, seen);
    }

    /** T glimpses chosen by the training policy, the loss averaged over the steps. */
    private NDArray policyLoss(ParameterStore ps, NDArray patches, NDArray y, Random draw) {
        NDArray[] total = new NDArray[1];
        Episode.run(model, ps, patches, trainPolicy, glimpses, policyStart, draw, true, st -> {
            NDArray l = loss(st.logits(), st.reconstruction(), patches, y, st.seen());
            total[0] = total[0] == null ? l : total[0].add(l);
        });
        return Scalars.dividedBy(total[0], glimpses);
    }

    /** CE + 0.01 × mean squared error over the unseen patches' values. */
    private NDArray loss(NDArray logits, NDArray reconstruction, NDArray patches, NDArray y, boolean[][] seen) {
        NDArray unseen = Episode.mask(patches.getManager(), seen).neg().add(1f).expandDims(2);
        NDArray err = reconstruction.sub(patches).mul(unseen);
        NDArray mse = err.mul(err).sum().div(unseen.sum().mul(model.patchValues()).add(1f));
        return Losses.crossEntropy(logits, y).add(Scalars.times(mse, RECONSTRUCTION_WEIGHT));
    }

    @Override
    public void writeParameters(OutputStream out) throws IOException {
        model.saveParameters(new DataOutputStream(out));
    }

    @Override
    public void writeOptimizerState(OutputStream out) throws IOException {
        out.write(optimizer.saveState().encode());
    }
}
