package io.zerowaste.exits.app;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.core.metrics.CostCurves;
import io.zerowaste.exits.eval.ExitOutputs;
import io.zerowaste.exits.eval.ExitOutputsCollector;
import io.zerowaste.exits.model.EarlyExitModel;
import io.zerowaste.nn.train.Losses;
import io.zerowaste.nn.train.Objective;

/** Trains every internal classifier jointly: Σᵢ CE(zᵢ, y); scores an epoch by the heads' mean validation accuracy. */
final class HeadsObjective implements Objective {

    private final EarlyExitModel model;

    HeadsObjective(EarlyExitModel model) {
        this.model = model;
    }

    @Override
    public NDArray loss(ParameterStore ps, NDArray x, NDArray y) {
        NDList z = model.forwardExits(ps, x, true);
        NDArray sum = null;
        for (int i = 0; i < model.numHeads(); i++) {
            NDArray l = Losses.crossEntropy(z.get(i), y);
            sum = sum == null ? l : sum.add(l);
        }
        return sum;
    }

    @Override
    public double validate(NDManager manager, BatchAssembler validation) {
        ExitOutputs out = ExitOutputsCollector.collect(model, manager, validation, false);
        double[] acc = CostCurves.perHeadAccuracy(out.predictions(), out.labels());
        double s = 0;
        for (int i = 0; i < model.numHeads(); i++) {
            s += acc[i];
        }
        return s / model.numHeads();
    }
}
