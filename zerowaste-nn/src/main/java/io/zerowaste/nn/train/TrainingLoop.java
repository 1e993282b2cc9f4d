package io.zerowaste.nn.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.zerowaste.core.Seeds;
import io.zerowaste.core.config.TrainConfig;
import io.zerowaste.core.data.Augmentation;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.core.data.Split;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Mini-batch training of a classifier with cross-entropy. The batch order and augmentation of epoch e
 * depend only on (seed, e), and the learning rate only on the global step, so a run resumed from an
 * epoch checkpoint repeats exactly what the uninterrupted run would have done.
 */
public final class TrainingLoop implements TrainingState {

    private final Block model;
    private final Objective objective;
    private final NDManager manager;
    private final TrainConfig config;
    private final Augmentation augmentation;
    private final List<TrainingHook> hooks;
    private final List<Parameter> trainable = new ArrayList<>();
    private final Optimizer optimizer;
    private final LrSchedule schedule;

    /** Trains {@code model} as a classifier (cross-entropy on its output). */
    public TrainingLoop(Block model, NDManager manager, TrainConfig config, Augmentation augmentation, List<TrainingHook> hooks) {
        this(model, Objective.classifier(model), manager, config, augmentation, hooks);
    }

    /**
     * Trains the parameters of {@code model} that require gradients (frozen ones are left alone) to
     * minimise {@code objective}.
     */
    public TrainingLoop(Block model, Objective objective, NDManager manager, TrainConfig config, Augmentation augmentation,
            List<TrainingHook> hooks) {
        this.model = model;
        this.objective = objective;
        this.manager = manager;
        this.config = config;
        this.augmentation = augmentation;
        this.hooks = List.copyOf(hooks);
        for (Parameter p : model.getParameters().values()) {
            if (p.requiresGradient()) {
                trainable.add(p);
            }
        }
        this.optimizer = Optimizer.create(config, trainable, manager);
        this.schedule = LrSchedule.of(config);
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** Trains epochs {@code history.epochsDone()}..epochs−1, evaluating on {@code validation} after each. */
    public TrainingHistory run(BatchAssembler train, BatchAssembler validation, TrainingHistory history) {
        int n = train.images().size();
        int bs = config.batchSize();
        int stepsPerEpoch = (n + bs - 1) / bs;
        long totalSteps = (long) stepsPerEpoch * config.epochs();
        int channels = train.images().channels();
        int rows = train.images().rows();
        int cols = train.images().cols();
        hooks.forEach(h -> h.onTrainStart(new TrainingHook.TrainStartEvent(history.epochsDone(), config.epochs(), stepsPerEpoch, n)));
        ParameterStore ps = new ParameterStore(manager, false);
        TrainingHistory hist = history;
        for (int epoch = history.epochsDone(); epoch < config.epochs(); epoch++) {
            long start = System.nanoTime();
            int[] order = Split.permutation(n, new Random(Seeds.split(config.seed(), "batch-order/epoch-" + epoch)));
            Random aug = new Random(Seeds.split(config.seed(), "augmentation/epoch-" + epoch));
            double lossSum = 0;
            for (int s = 0; s < stepsPerEpoch; s++) {
                int from = s * bs;
                int to = Math.min(n, from + bs);
                long global = (long) epoch * stepsPerEpoch + s;
                float lr = (float) schedule.at(global, totalSteps);
                float loss;
                try (NDScope scope = new NDScope()) {
                    NDArray x = manager.create(train.pixels(order, from, to, augmentation, aug), new Shape(to - from, channels, rows, cols));
                    NDArray y = manager.create(train.labels(order, from, to));
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray l = objective.loss(ps, x, y);
                        gc.backward(l);
                        loss = l.getFloat();
                    }
                    optimizer.step(lr);
                }
                if (!Float.isFinite(loss)) {
                    throw new TrainingDivergedException("training diverged at epoch " + (epoch + 1) + ", step " + (s + 1) + ": the loss is "
                            + loss + " (lower the learning rate, or the strength of a regularizer such as --ewc-lambda)");
                }
                lossSum += loss * (to - from);
                TrainingHook.StepEvent step = new TrainingHook.StepEvent(epoch, global, s, to - from, loss, lr);
                hooks.forEach(h -> h.onStepEnd(step));
            }
            double stepSeconds = (System.nanoTime() - start) / 1e9;
            double acc = objective.validate(manager, validation);
            double seconds = (System.nanoTime() - start) / 1e9;
            hist = hist.plus(lossSum / n, acc, seconds, stepSeconds, n);
            TrainingHook.EpochEvent ev = new TrainingHook.EpochEvent(epoch, config.epochs(), lossSum / n, acc, seconds, hist, this);
            hooks.forEach(h -> h.onEpochEnd(ev));
        }
        TrainingHistory done = hist;
        hooks.forEach(h -> h.onTrainEnd(new TrainingHook.TrainEndEvent(done)));
        return hist;
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
