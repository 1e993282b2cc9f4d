package io.zerowaste.exits.predict;

import ai.djl.ndarray.NDManager;
import io.zerowaste.exits.head.IcHeadInference;
import io.zerowaste.exits.model.EarlyExitModel;
import io.zerowaste.exits.policy.ExitPolicy;
import io.zerowaste.exits.ztw.EnsembleWeights;
import io.zerowaste.nn.model.InferenceStages;
import java.util.List;

/** One prediction call's state: the answers and each sample's decider and carried logits, by sample id. */
final class PredictionRun {

    final NDManager manager;
    final ExitPrediction[] out;
    final InferenceStages stages;
    final List<IcHeadInference> heads;
    /** ZTW's ensembles as plain numbers; null without them. */
    final EnsembleWeights ensembleWeights;
    final ExitTimings timings;
    private final ExitPolicy policy;
    private final int numHeads;
    private final ExitPolicy.Decider[] deciders;
    /** By sample id: the last head's logits, the next head's cascade input. */
    private final float[][] previous;
    /** By sample id: the log-probabilities of the heads so far, head after head (ZTW). */
    private final float[][] logProbs;

    PredictionRun(EarlyExitModel model, ExitPolicy policy, boolean ensemble, NDManager manager, int samples, ExitTimings timings) {
        this.manager = manager;
        this.out = new ExitPrediction[samples];
        this.stages = model.backboneInference();
        this.heads = model.headsInference();
        this.ensembleWeights = ensemble ? model.ensemble().weights() : null;
        this.timings = timings;
        this.policy = policy;
        this.numHeads = model.numHeads();
        this.deciders = new ExitPolicy.Decider[samples];
        this.previous = model.cascade() ? new float[samples][] : null;
        this.logProbs = ensemble ? new float[samples][] : null;
    }

    float[] logProbs(int id, int classes) {
        if (logProbs[id] == null) {
            logProbs[id] = new float[numHeads * classes];
        }
        return logProbs[id];
    }

    float[] previous(int id) {
        return previous[id];
    }

    void keepPrevious(int id, float[] logits, int at, int classes) {
        if (previous[id] == null) {
            previous[id] = new float[classes];
        }
        System.arraycopy(logits, at, previous[id], 0, classes);
    }

    ExitPolicy.Decider decider(int id) {
        if (deciders[id] == null) {
            deciders[id] = policy.newDecider();
        }
        return deciders[id];
    }
}
