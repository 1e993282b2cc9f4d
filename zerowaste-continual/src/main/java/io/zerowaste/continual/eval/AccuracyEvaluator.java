package io.zerowaste.continual.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.zerowaste.continual.scenario.Scenario;
import io.zerowaste.continual.strategy.Strategy;
import io.zerowaste.continual.strategy.TrainingMask;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.core.data.Normalization;
import io.zerowaste.nn.eval.Batches;

/**
 * Fills a row of the accuracy matrix: after training through experience t, the accuracy on every
 * experience's test set, predicting among the classes seen so far (task-agnostic) or, task-aware, among
 * the tested experience's own classes.
 */
public final class AccuracyEvaluator {

    private final Scenario scenario;
    private final NDManager manager;
    private final Normalization norm;

    public AccuracyEvaluator(Scenario scenario, NDManager manager, Normalization norm) {
        this.scenario = scenario;
        this.manager = manager;
        this.norm = norm;
    }

    /** R[t][u] on the test sets for every u (u > t included: needed for forward transfer). */
    public double[] row(Strategy strategy, int t, boolean taskAware) {
        double[] r = new double[scenario.size()];
        for (int u = 0; u < scenario.size(); u++) {
            r[u] = accuracy(strategy, scenario.get(u).test(), scenario.allowedAtTest(t, u, taskAware));
        }
        return r;
    }

    /** The same row on the experiences' validation sets: what choices are made on. */
    public double[] validationRow(Strategy strategy, int t, boolean taskAware) {
        double[] r = new double[scenario.size()];
        for (int u = 0; u < scenario.size(); u++) {
            r[u] = accuracy(strategy, scenario.get(u).validation(), scenario.allowedAtTest(t, u, taskAware));
        }
        return r;
    }

    /** Accuracy on {@code images}, the argmax taken over the {@code allowed} classes only. */
    public double accuracy(Strategy strategy, ImageSet images, boolean[] allowed) {
        BatchAssembler data = new BatchAssembler(images, norm);
        ParameterStore ps = new ParameterStore(manager, false);
        float[] mask = TrainingMask.additive(allowed);
        int[] correct = {0};
        Batches.inOrder(manager, data, (from, to, x) -> {
            NDArray s = strategy.scores(ps, x);
            long[] pred = s.add(s.getManager().create(mask)).argMax(1).toLongArray();
            for (int i = 0; i < pred.length; i++) {
                if (pred[i] == images.labels()[from + i]) {
                    correct[0]++;
                }
            }
        });
        return images.size() == 0 ? Double.NaN : (double) correct[0] / images.size();
    }
}
