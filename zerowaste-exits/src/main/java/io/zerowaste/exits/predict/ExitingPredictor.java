package io.zerowaste.exits.predict;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import io.zerowaste.exits.model.EarlyExitModel;
import io.zerowaste.exits.policy.ExitPolicy;
import io.zerowaste.exits.predict.ExitTimings.Phase;
import io.zerowaste.exits.ztw.GeometricEnsembleBlock;
import io.zerowaste.nn.model.InferenceStages;

/**
 * Dynamic early-exit inference: runs the backbone stage by stage; after each internal classifier the
 * samples that exit are answered and the batch is compacted to the rest, so later stages only run on the
 * samples still undecided. Its answers equal {@code ExitSimulator}'s for the same policy.
 */
public final class ExitingPredictor {

    private final EarlyExitModel model;
    private final ExitPolicy policy;
    private final boolean ensemble;
    private final double[] cost;

    public ExitingPredictor(EarlyExitModel model, ExitPolicy policy, boolean ensemble) {
        this.model = model;
        this.policy = policy;
        this.ensemble = ensemble && model.ensemble() != null;
        this.cost = model.exitCostFractions();
    }

    public ExitPolicy policy() {
        return policy;
    }

    /** Predictions for every image of {@code data}, in order, 256 at a time, each batch in its own manager. */
    public ExitPrediction[] predictAll(NDManager manager, io.zerowaste.core.data.BatchAssembler data) {
        int n = data.images().size();
        ExitPrediction[] out = new ExitPrediction[n];
        for (int from = 0; from < n; from += 256) {
            int to = Math.min(n, from + 256);
            try (NDManager step = manager.newSubManager()) {
                System.arraycopy(predict(step, io.zerowaste.nn.eval.Batches.inOrder(step, data, from, to)), 0, out, from, to - from);
            }
        }
        return out;
    }

    /** Predictions for a normalised batch {@code x} (N×C×H×W). */
    public ExitPrediction[] predict(NDManager manager, NDArray x) {
        return predict(manager, x, new ExitTimings(model.backbone().numStages()));
    }

    /** Predictions for a normalised batch {@code x} (N×C×H×W), adding where the time went to {@code timings}. */
    public ExitPrediction[] predict(NDManager manager, NDArray x, ExitTimings timings) {
        int n = (int) x.getShape().get(0);
        ExitPrediction[] out = new ExitPrediction[n];
        ExitPolicy.Decider[] deciders = new ExitPolicy.Decider[n];
        int[] alive = new int[n];
        for (int k = 0; k < n; k++) {
            deciders[k] = policy.newDecider();
            alive[k] = k;
        }
        ParameterStore ps = new ParameterStore(manager, false);
        // What a stage hands to the next: features, the last head's logits, the stacked log-probs (ZTW).
        // Each stage runs in its own scope so its intermediates are freed at once, not at the batch's end.
        NDArray h = x;
        NDArray previous = null;
        NDArray logProbs = null;
        int heads = model.numHeads();
        InferenceStages stages = model.backboneInference();
        try {
            for (int i = 0; i < stages.numStages(); i++) {
                NDArray[] carry = null;
                try (NDScope stage = new NDScope()) {
                    long mark = System.nanoTime();
                    NDArray features = stages.runStage(i, h);
                    if (i == heads) {
                        NDArray logits = stages.classify(features);
                        mark = timings.stage(i, alive.length, mark);
                        answer(logits, alive, heads, out, null, null);
                        timings.lap(Phase.DECISIONS, mark);
                    } else {
                        mark = timings.stage(i, alive.length, mark);
                        NDArray z = model.head(i).forward(ps, features, previous, false);
                        mark = timings.lap(Phase.HEADS, mark);
                        NDArray decideOn = z;
                        NDArray stacked = null;
                        if (ensemble) {
                            stacked = GeometricEnsembleBlock.append(logProbs, z.logSoftmax(1));
                            decideOn = model.ensemble().combine(ps, i, stacked, false);
                            mark = timings.lap(Phase.ENSEMBLES, mark);
                        }
                        boolean[] keep = new boolean[alive.length];
                        int kept = answer(decideOn, alive, i, out, deciders, keep);
                        mark = timings.lap(Phase.DECISIONS, mark);
                        if (kept > 0) {
                            if (kept < alive.length) {
                                NDIndex stay = new NDIndex("{}", manager.create(rows(keep, kept)));
                                features = features.get(stay);
                                z = z.get(stay);
                                stacked = stacked == null ? null : stacked.get(stay);
                                alive = compact(alive, keep, kept);
                                timings.lap(Phase.COMPACTION, mark);
                            }
                            carry = new NDArray[] {features, z, stacked};
                            for (NDArray a : carry) {
                                if (a != null) {
                                    NDScope.unregister(a);
                                }
                            }
                        }
                    }
                }
                release(h == x ? null : h, previous, logProbs);
                h = x;
                previous = null;
                logProbs = null;
                if (carry == null) {
                    break;
                }
                h = carry[0];
                previous = carry[1];
                logProbs = carry[2];
            }
        } finally {
            release(h == x ? null : h, previous, logProbs);
        }
        return out;
    }

    /**
     * Answers the samples that exit at {@code exit} (all of them when {@code deciders} is null) and marks
     * the others in {@code keep}; returns how many stay.
     */
    private int answer(NDArray logits, int[] alive, int exit, ExitPrediction[] out, ExitPolicy.Decider[] deciders,
            boolean[] keep) {
        float[] p = logits.softmax(1).toFloatArray();
        int c = p.length / alive.length;
        int kept = 0;
        float[] row = new float[c];
        for (int r = 0; r < alive.length; r++) {
            System.arraycopy(p, r * c, row, 0, c);
            if (deciders == null || deciders[alive[r]].exitAfter(exit, row)) {
                int label = ExitPolicy.argmax(row);
                out[alive[r]] = new ExitPrediction(label, row[label], exit, cost[exit]);
            } else {
                keep[r] = true;
                kept++;
            }
        }
        return kept;
    }

    private static void release(NDArray... arrays) {
        for (NDArray a : arrays) {
            if (a != null) {
                a.close();
            }
        }
    }

    /** Positions of the rows that stay, for an index gather along the batch axis. */
    private static long[] rows(boolean[] keep, int kept) {
        long[] r = new long[kept];
        int j = 0;
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                r[j++] = i;
            }
        }
        return r;
    }

    private static int[] compact(int[] alive, boolean[] keep, int kept) {
        int[] next = new int[kept];
        int j = 0;
        for (int r = 0; r < alive.length; r++) {
            if (keep[r]) {
                next[j++] = alive[r];
            }
        }
        return next;
    }
}
