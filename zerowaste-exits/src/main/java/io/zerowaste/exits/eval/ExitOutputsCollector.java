package io.zerowaste.exits.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.exits.model.EarlyExitModel;
import io.zerowaste.nn.eval.Batches;
import io.zerowaste.exits.ztw.GeometricEnsembleBlock;

/** Runs an early-exit model once over a data set and keeps what every exit said. */
public final class ExitOutputsCollector {

    private ExitOutputsCollector() {}

    /**
     * The probabilities each exit reports: softmax of the raw heads, or, when {@code ensemble} is set and
     * the model has one, softmax of the ZTW ensemble for the internal classifiers.
     */
    public static ExitOutputs collect(EarlyExitModel model, NDManager manager, BatchAssembler data, boolean ensemble) {
        int n = data.images().size();
        int exits = model.numExits();
        float[][][] probs = new float[n][exits][];
        ParameterStore ps = new ParameterStore(manager, false);
        Batches.inOrder(manager, data, (from, to, x) -> {
            NDList out = exitLogits(model, ps, x, ensemble);
            for (int e = 0; e < exits; e++) {
                float[] p = out.get(e).softmax(1).toFloatArray();
                int c = p.length / (to - from);
                for (int k = 0; k < to - from; k++) {
                    float[] row = new float[c];
                    System.arraycopy(p, k * c, row, 0, c);
                    probs[from + k][e] = row;
                }
            }
        });
        return new ExitOutputs(probs, data.images().labels().clone());
    }

    /** The logits each exit decides on (ensembles replace the internal classifiers' raw logits). */
    public static NDList exitLogits(EarlyExitModel model, ParameterStore ps, NDArray x, boolean ensemble) {
        NDList raw = model.forwardExits(ps, x, false);
        if (!ensemble || model.ensemble() == null) {
            return raw;
        }
        NDArray stacked = null;
        NDList out = new NDList();
        for (int i = 0; i < model.numHeads(); i++) {
            stacked = GeometricEnsembleBlock.append(stacked, raw.get(i).logSoftmax(1));
            out.add(model.ensemble().combine(ps, i, stacked, false));
        }
        out.add(raw.get(model.numHeads()));
        return out;
    }
}
