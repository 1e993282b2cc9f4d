package io.zerowaste.exits.predict;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import io.zerowaste.exits.head.IcHeadInference;
import io.zerowaste.exits.model.EarlyExitModel;
import io.zerowaste.exits.policy.ExitPolicy;
import io.zerowaste.exits.predict.ExitTimings.Phase;

/**
 * One backbone stage and its head on a group of samples: answers the samples that exit there and
 * compacts the batch to the rest. Only the feature maps stay native: each head's logits come to Java at
 * once, where the cascade term, the ensemble and the decision are a few hundred multiply-adds a sample,
 * kept by sample id, so compaction gathers the feature maps alone.
 */
final class StageStep {

    private final EarlyExitModel model;
    private final boolean ensemble;
    private final double[] cost;

    StageStep(EarlyExitModel model, boolean ensemble) {
        this.model = model;
        this.ensemble = ensemble;
        this.cost = model.exitCostFractions();
    }

    /**
     * Runs stage {@code i} and its head on {@code g}, answers the samples that exit there, and returns the
     * rest (null when none is left); {@code g} stays open.
     */
    SampleGroup advance(PredictionRun run, int i, SampleGroup g) {
        ExitTimings timings = run.timings;
        int heads = model.numHeads();
        // the stage's intermediates are freed at once; only what the next stage needs leaves the scope
        try (NDScope scope = new NDScope()) {
            long mark = System.nanoTime();
            NDArray features = run.stages.runStage(i, g.h());
            if (i == heads) {
                float[] logits = run.stages.classify(features).toFloatArray();
                mark = timings.stage(i, g.size(), mark);
                answer(run, logits, g.ids(), heads, null);
                timings.lap(Phase.DECISIONS, mark);
                return null;
            }
            mark = timings.stage(i, g.size(), mark);
            IcHeadInference head = run.heads.get(i);
            float[] z = head.featureLogits(features).toFloatArray();
            int classes = z.length / g.size();
            if (head.hasCascade()) {
                for (int r = 0; r < g.size(); r++) {
                    head.addCascade(run.previous(g.ids()[r]), z, r * classes);
                }
            }
            mark = timings.lap(Phase.HEADS, mark);
            float[] decideOn = ensemble ? ensembleLogits(run, i, g, z, classes) : z;
            if (ensemble) {
                mark = timings.lap(Phase.ENSEMBLES, mark);
            }
            boolean[] keep = new boolean[g.size()];
            int kept = answer(run, decideOn, g.ids(), i, keep);
            if (kept > 0 && model.cascade() && i + 1 < heads) { // the next head's cascade input
                for (int r = 0; r < g.size(); r++) {
                    if (keep[r]) {
                        run.keepPrevious(g.ids()[r], z, r * classes, classes);
                    }
                }
            }
            mark = timings.lap(Phase.DECISIONS, mark);
            if (kept == 0) {
                return null;
            }
            SampleGroup rest = new SampleGroup(features, g.ids(), true);
            if (kept < g.size()) {
                rest = new SampleGroup(features.get(new NDIndex("{}", run.manager.create(rows(keep, kept)))),
                        compact(g.ids(), keep, kept), true);
                timings.lap(Phase.COMPACTION, mark);
            }
            rest.keepBeyond();
            return rest;
        }
    }

    /** ZTW: each sample's head log-probabilities so far, combined by the ensemble of head {@code i}. */
    private static float[] ensembleLogits(PredictionRun run, int i, SampleGroup g, float[] z, int classes) {
        float[] combined = new float[z.length];
        for (int r = 0; r < g.size(); r++) {
            float[] lp = run.logProbs(g.ids()[r], classes);
            RowSoftmax.logSoftmax(z, r * classes, classes, lp, i * classes);
            run.ensembleWeights.combine(i, lp, combined, r * classes);
        }
        return combined;
    }

    /**
     * Answers the samples ({@code ids}) that exit at {@code exit} (all of them when {@code keep} is null) and
     * marks the others in {@code keep}; returns how many stay. {@code logits} holds one row per sample.
     */
    private int answer(PredictionRun run, float[] logits, int[] ids, int exit, boolean[] keep) {
        int c = logits.length / ids.length;
        int kept = 0;
        float[] row = new float[c];
        for (int r = 0; r < ids.length; r++) {
            RowSoftmax.softmax(logits, r * c, row);
            if (keep == null || run.decider(ids[r]).exitAfter(exit, row)) {
                int label = ExitPolicy.argmax(row);
                run.out[ids[r]] = new ExitPrediction(label, row[label], exit, cost[exit]);
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

    private static int[] compact(int[] ids, boolean[] keep, int kept) {
        int[] next = new int[kept];
        int j = 0;
        for (int r = 0; r < ids.length; r++) {
            if (keep[r]) {
                next[j++] = ids[r];
            }
        }
        return next;
    }
}
