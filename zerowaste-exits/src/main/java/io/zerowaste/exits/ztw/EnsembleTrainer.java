package io.zerowaste.exits.ztw;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.zerowaste.core.Seeds;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.core.data.Split;
import io.zerowaste.exits.model.EarlyExitModel;
import io.zerowaste.nn.eval.Batches;
import io.zerowaste.nn.train.AdamOptimizer;
import io.zerowaste.nn.train.Losses;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * ZTW's second stage: the heads are frozen, their log-probabilities on the training split are computed
 * once (inference mode), and every head's ensemble is trained on them with Σᵢ CE(sᵢ, y) using Adam.
 */
public final class EnsembleTrainer {

    private EnsembleTrainer() {}

    /** Trains the ensembles; returns the mean training loss of the last epoch. */
    public static double train(EarlyExitModel model, NDManager manager, BatchAssembler train, int epochs, double lr,
            int batch, long seed) {
        GeometricEnsembleBlock ensemble = model.ensemble();
        int heads = model.numHeads();
        int n = train.images().size();
        try (NDManager cache = manager.newSubManager()) {
            NDArray logProbs = cacheLogProbs(model, cache, train); // N × heads × C
            NDArray labels = cache.create(train.images().labels());
            List<Parameter> params = new ArrayList<>(ensemble.getParameters().values());
            ParameterStore ps = new ParameterStore(manager, false);
            double last = 0;
            try (AdamOptimizer adam = new AdamOptimizer(params, manager, 0.9f, 0.999f, 1e-8f, 0f)) {
                for (int e = 0; e < epochs; e++) {
                    int[] order = Split.permutation(n, new Random(Seeds.split(seed, "ztw-ensemble/epoch-" + e)));
                    double sum = 0;
                    for (int from = 0; from < n; from += batch) {
                        int to = Math.min(n, from + batch);
                        try (NDScope scope = new NDScope()) {
                            long[] idx = new long[to - from];
                            for (int k = from; k < to; k++) {
                                idx[k - from] = order[k];
                            }
                            NDArray take = cache.create(idx);
                            NDArray lp = logProbs.get(new NDIndex("{}", take));
                            NDArray y = labels.get(new NDIndex("{}", take));
                            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                                NDArray loss = null;
                                for (int i = 0; i < heads; i++) {
                                    NDArray l = Losses.crossEntropy(ensemble.combine(ps, i, lp.get(":, 0:" + (i + 1) + ", :"), true), y);
                                    loss = loss == null ? l : loss.add(l);
                                }
                                gc.backward(loss);
                                sum += loss.getFloat() * (to - from);
                            }
                            adam.step((float) lr);
                        }
                    }
                    last = sum / n;
                }
            }
            return last;
        }
    }

    private static NDArray cacheLogProbs(EarlyExitModel model, NDManager cache, BatchAssembler data) {
        ParameterStore ps = new ParameterStore(cache, false);
        NDList parts = new NDList();
        Batches.inOrder(cache, data, (from, to, x) -> {
            NDList z = model.forwardExits(ps, x, false);
            NDList lp = new NDList();
            for (int i = 0; i < model.numHeads(); i++) {
                lp.add(z.get(i).logSoftmax(1));
            }
            NDArray stacked = ai.djl.ndarray.NDArrays.stack(lp, 1);
            NDScope.unregister(stacked); // kept past the batch's scope: the cache is the point
            parts.add(stacked);
        });
        return ai.djl.ndarray.NDArrays.concat(parts, 0);
    }
}
