package io.zerowaste.exits.predict;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import io.zerowaste.exits.model.EarlyExitModel;
import io.zerowaste.exits.policy.ExitPolicy;
import java.util.ArrayList;
import java.util.List;

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

    /** Predictions for a normalised batch {@code x} (N×C×H×W). */
    public ExitPrediction[] predict(NDManager manager, NDArray x) {
        int n = (int) x.getShape().get(0);
        ExitPrediction[] out = new ExitPrediction[n];
        ExitPolicy.Decider[] deciders = new ExitPolicy.Decider[n];
        int[] alive = new int[n];
        for (int k = 0; k < n; k++) {
            deciders[k] = policy.newDecider();
            alive[k] = k;
        }
        ParameterStore ps = new ParameterStore(manager, false);
        try (NDScope scope = new NDScope()) {
            NDArray h = x;
            NDArray previous = null;
            List<NDArray> logProbs = new ArrayList<>();
            int heads = model.numHeads();
            for (int i = 0; i < model.backbone().numStages(); i++) {
                h = model.backbone().forwardStage(ps, i, h, false);
                if (i == heads) {
                    answer(model.backbone().classify(ps, h, false), alive, heads, out, null, null);
                    break;
                }
                NDArray z = model.head(i).forward(ps, h, previous, false);
                NDArray decideOn = z;
                if (ensemble) {
                    logProbs.add(z.logSoftmax(1));
                    decideOn = model.ensemble().combine(ps, i, logProbs, false);
                }
                boolean[] keep = new boolean[alive.length];
                int kept = answer(decideOn, alive, i, out, deciders, keep);
                if (kept == 0) {
                    break;
                }
                if (kept < alive.length) {
                    NDIndex stay = new NDIndex("{}", manager.create(rows(keep, kept)));
                    h = h.get(stay);
                    z = z.get(stay);
                    logProbs.replaceAll(a -> a.get(stay));
                    alive = compact(alive, keep, kept);
                }
                previous = z;
            }
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
