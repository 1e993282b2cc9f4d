package io.zerowaste.exits.predict;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.exits.head.IcHeadInference;
import io.zerowaste.exits.model.EarlyExitModel;
import io.zerowaste.exits.policy.ExitPolicy;
import io.zerowaste.exits.predict.ExitTimings.Phase;
import io.zerowaste.exits.ztw.EnsembleWeights;
import io.zerowaste.nn.eval.Batches;
import io.zerowaste.nn.model.InferenceStages;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Dynamic early-exit inference: runs the backbone stage by stage; after each internal classifier the
 * samples that exit are answered and the batch is compacted to the rest, so later stages only run on the
 * samples still undecided. Its answers equal {@code ExitSimulator}'s for the same policy.
 *
 * <p>{@link #predict} takes one batch (serving). {@link #predictStream} takes many and pools the samples
 * still undecided after a stage across input batches, so that every stage runs on full batches: compaction
 * leaves later stages with ever smaller batches, on which a CPU spends more per sample.
 */
public final class ExitingPredictor {

    /** The default batch of {@link #predictAll}. */
    public static final int BATCH = 256;

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

    /** Predictions for every image of {@code data}, in order, streamed in batches of {@link #BATCH}. */
    public ExitPrediction[] predictAll(NDManager manager, BatchAssembler data) {
        int n = data.images().size();
        Iterator<NDArray> batches = new Iterator<>() {
            int from;

            @Override
            public boolean hasNext() {
                return from < n;
            }

            @Override
            public NDArray next() {
                int to = Math.min(n, from + BATCH);
                NDArray x = Batches.inOrder(manager, data, from, to);
                from = to;
                return x;
            }
        };
        try (NDManager run = manager.newSubManager()) {
            return predictStream(run, () -> batches, n, BATCH, new ExitTimings(model.backbone().numStages()), true);
        }
    }

    /** Predictions for a normalised batch {@code x} (N×C×H×W). */
    public ExitPrediction[] predict(NDManager manager, NDArray x) {
        return predict(manager, x, new ExitTimings(model.backbone().numStages()));
    }

    /** Predictions for a normalised batch {@code x} (N×C×H×W), adding where the time went to {@code timings}. */
    public ExitPrediction[] predict(NDManager manager, NDArray x, ExitTimings timings) {
        int n = (int) x.getShape().get(0);
        Run run = new Run(manager, n, timings);
        Group g = Group.input(x, 0);
        try {
            for (int i = 0; g != null; i++) {
                Group next = advance(run, i, g);
                g.close();
                g = next;
            }
        } finally {
            if (g != null) {
                g.close();
            }
        }
        return run.out;
    }

    /**
     * Predictions for the {@code samples} images of {@code inputs} (normalised batches, in order), every stage
     * run on {@code batch} undecided samples at a time, pooled across input batches, until the inputs run
     * out. The inputs stay open unless {@code closeInputs}.
     */
    public ExitPrediction[] predictStream(NDManager manager, Iterable<NDArray> inputs, int samples, int batch,
            ExitTimings timings, boolean closeInputs) {
        Run run = new Run(manager, samples, timings);
        int stages = model.backbone().numStages();
        List<Deque<Group>> waiting = new ArrayList<>();
        for (int i = 0; i < stages; i++) {
            waiting.add(new ArrayDeque<>());
        }
        int first = 0;
        try {
            for (NDArray x : inputs) {
                Group g = Group.input(x, first);
                first += g.size();
                try {
                    enqueue(waiting, 1, advance(run, 0, g));
                } finally {
                    if (closeInputs) {
                        x.close();
                    }
                }
                runFullBatches(run, waiting, batch, false);
            }
            runFullBatches(run, waiting, batch, true);
        } finally {
            waiting.forEach(q -> q.forEach(Group::close));
        }
        return run.out;
    }

    /** Runs every stage that has {@code batch} samples waiting (any, when {@code flush}), earliest stage first. */
    private void runFullBatches(Run run, List<Deque<Group>> waiting, int batch, boolean flush) {
        for (int i = 1; i < waiting.size(); i++) {
            Deque<Group> q = waiting.get(i);
            while (waiting(q) >= batch || flush && !q.isEmpty()) {
                long mark = System.nanoTime();
                Group g = take(q, batch);
                run.timings.lap(Phase.JOINS, mark);
                try {
                    enqueue(waiting, i + 1, advance(run, i, g));
                } finally {
                    g.close();
                }
            }
        }
    }

    private static void enqueue(List<Deque<Group>> waiting, int stage, Group g) {
        if (g != null) {
            waiting.get(stage).addLast(g);
        }
    }

    private static int waiting(Deque<Group> q) {
        int n = 0;
        for (Group g : q) {
            n += g.size();
        }
        return n;
    }

    /** Up to {@code batch} samples from the front of {@code q}, as one group; a group cut in two leaves its tail. */
    private static Group take(Deque<Group> q, int batch) {
        List<Group> parts = new ArrayList<>();
        int n = 0;
        while (n < batch && !q.isEmpty()) {
            Group g = q.pollFirst();
            int need = batch - n;
            if (g.size() > need) {
                q.addFirst(g.slice(need, g.size()));
                Group head = g.slice(0, need);
                g.close();
                g = head;
            }
            parts.add(g);
            n += g.size();
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        try {
            return Group.concat(parts);
        } finally {
            parts.forEach(Group::close);
        }
    }

    /**
     * Runs stage {@code i} and its head on {@code g}, answers the samples that exit there, and returns the
     * rest (null when none is left); {@code g} stays open. Only the feature maps stay native: each head's
     * logits come to Java at once, where the cascade term, the ensemble and the decision are a few hundred
     * multiply-adds a sample, kept by sample id, so compaction gathers the feature maps alone.
     */
    private Group advance(Run run, int i, Group g) {
        ExitTimings timings = run.timings;
        int heads = model.numHeads();
        // the stage's intermediates are freed at once; only what the next stage needs leaves the scope
        try (NDScope scope = new NDScope()) {
            long mark = System.nanoTime();
            NDArray features = run.stages.runStage(i, g.h);
            if (i == heads) {
                float[] logits = run.stages.classify(features).toFloatArray();
                mark = timings.stage(i, g.size(), mark);
                answer(run, logits, g.ids, heads, null);
                timings.lap(Phase.DECISIONS, mark);
                return null;
            }
            mark = timings.stage(i, g.size(), mark);
            IcHeadInference head = run.heads.get(i);
            float[] z = head.featureLogits(features).toFloatArray();
            int classes = z.length / g.size();
            if (head.hasCascade()) {
                for (int r = 0; r < g.size(); r++) {
                    head.addCascade(run.previous[g.ids[r]], z, r * classes);
                }
            }
            mark = timings.lap(Phase.HEADS, mark);
            float[] decideOn = z;
            if (ensemble) {
                decideOn = new float[z.length];
                for (int r = 0; r < g.size(); r++) {
                    float[] lp = run.logProbs(g.ids[r], classes);
                    RowSoftmax.logSoftmax(z, r * classes, classes, lp, i * classes);
                    run.ensembleWeights.combine(i, lp, decideOn, r * classes);
                }
                mark = timings.lap(Phase.ENSEMBLES, mark);
            }
            boolean[] keep = new boolean[g.size()];
            int kept = answer(run, decideOn, g.ids, i, keep);
            if (kept > 0 && model.cascade() && i + 1 < heads) { // the next head's cascade input
                for (int r = 0; r < g.size(); r++) {
                    if (keep[r]) {
                        run.keepPrevious(g.ids[r], z, r * classes, classes);
                    }
                }
            }
            mark = timings.lap(Phase.DECISIONS, mark);
            if (kept == 0) {
                return null;
            }
            Group rest = new Group(features, g.ids, true);
            if (kept < g.size()) {
                rest = new Group(features.get(new NDIndex("{}", run.manager.create(rows(keep, kept)))),
                        compact(g.ids, keep, kept), true);
                timings.lap(Phase.COMPACTION, mark);
            }
            rest.keepBeyond();
            return rest;
        }
    }

    /**
     * Answers the samples ({@code ids}) that exit at {@code exit} (all of them when {@code keep} is null) and
     * marks the others in {@code keep}; returns how many stay. {@code logits} holds one row per sample.
     */
    private int answer(Run run, float[] logits, int[] ids, int exit, boolean[] keep) {
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

    /** One call's state: the answers and each sample's decider, by sample id. */
    private final class Run {
        final NDManager manager;
        final ExitPrediction[] out;
        final ExitPolicy.Decider[] deciders;
        final InferenceStages stages = model.backboneInference();
        final List<IcHeadInference> heads = model.headsInference();
        /** ZTW's ensembles as plain numbers; null without them. */
        final EnsembleWeights ensembleWeights;
        /** By sample id: the last head's logits, the next head's cascade input. */
        final float[][] previous;
        /** By sample id: the log-probabilities of the heads so far, head after head (ZTW). */
        final float[][] logProbs;
        final ExitTimings timings;

        Run(NDManager manager, int samples, ExitTimings timings) {
            this.manager = manager;
            this.out = new ExitPrediction[samples];
            this.deciders = new ExitPolicy.Decider[samples];
            this.ensembleWeights = ensemble ? model.ensemble().weights() : null;
            this.previous = model.cascade() ? new float[samples][] : null;
            this.logProbs = ensemble ? new float[samples][] : null;
            this.timings = timings;
        }

        float[] logProbs(int id, int classes) {
            if (logProbs[id] == null) {
                logProbs[id] = new float[model.numHeads() * classes];
            }
            return logProbs[id];
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

    /**
     * Samples on their way to the next stage: the last stage's features and the samples' ids. A group owns
     * its array unless it wraps the caller's input.
     */
    private record Group(NDArray h, int[] ids, boolean owned) {

        static Group input(NDArray x, int firstId) {
            int[] ids = new int[(int) x.getShape().get(0)];
            for (int k = 0; k < ids.length; k++) {
                ids[k] = firstId + k;
            }
            return new Group(x, ids, false);
        }

        int size() {
            return ids.length;
        }

        /** Rows {@code from}..{@code to} as a view into this group's array. */
        Group slice(int from, int to) {
            return new Group(h.get(from + ":" + to), Arrays.copyOfRange(ids, from, to), true);
        }

        static Group concat(List<Group> parts) {
            NDList h = new NDList();
            int n = 0;
            for (Group g : parts) {
                h.add(g.h);
                n += g.size();
            }
            int[] ids = new int[n];
            int at = 0;
            for (Group g : parts) {
                System.arraycopy(g.ids, 0, ids, at, g.size());
                at += g.size();
            }
            return new Group(NDArrays.concat(h), ids, true);
        }

        /** Unregisters the array from the open scope: the group outlives it. */
        void keepBeyond() {
            NDScope.unregister(h);
        }

        void close() {
            if (owned) {
                h.close();
            }
        }
    }
}
