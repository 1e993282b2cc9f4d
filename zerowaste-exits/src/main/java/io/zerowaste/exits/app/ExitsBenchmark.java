package io.zerowaste.exits.app;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.exits.predict.ExitPrediction;
import io.zerowaste.exits.predict.ExitTimings;
import io.zerowaste.exits.predict.ExitTimings.Phase;
import io.zerowaste.exits.predict.ExitingPredictor;
import io.zerowaste.nn.engine.Engines;
import io.zerowaste.nn.engine.Precision;
import io.zerowaste.nn.eval.Batches;
import io.zerowaste.nn.macs.MacReport;
import io.zerowaste.nn.model.InferenceStages;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Wall-clock speedup of dynamic early exiting over the plain backbone, on the same inputs and batch size,
 * next to the theoretical speedup 1 / mean cost fraction. Each round runs the plain backbone, the
 * one-batch-at-a-time exiting path and the pooled one in turn, so machine noise hits all alike; the median
 * round counts. Also where the time goes, per input batch.
 */
public final class ExitsBenchmark {

    /**
     * The figures of one benchmark run. {@code exiting} runs each input batch through on its own (as a server
     * does); {@code pooled} pools the undecided samples of several input batches so every stage runs on full
     * batches ({@link ExitingPredictor#predictStream}); both give the same answers.
     */
    public record Figures(int samples, int batch, double param, double meanCostFraction, double theoreticalSpeedup,
            double backboneSeconds, double accuracy, double backboneAccuracy, ExitingRun exiting, ExitingRun pooled) {}

    /** One exiting path: median seconds, speedup over the plain backbone, its ratio to the theory, where the time went. */
    public record ExitingRun(double seconds, double speedup, double ratio, Breakdown breakdown) {}

    /**
     * Milliseconds per input batch, averaged over the timed rounds: per backbone stage the plain path's time,
     * the exiting path's time and the samples it ran on, and the stage's share of the backbone's MACs; then
     * the exiting path's other phases.
     */
    public record Breakdown(double[] stageMacShare, double[] backboneStageMs, double[] exitingStageMs,
            double[] exitingStageSamples, double headsMs, double ensemblesMs, double decisionsMs, double compactionMs,
            double joinsMs) {

        /** Per stage, the backbone's time scaled to the samples the exiting path ran the stage on. */
        public double[] proportionalStageMs() {
            double all = exitingStageSamples[0];
            double[] out = new double[backboneStageMs.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = backboneStageMs[i] * exitingStageSamples[i] / all;
            }
            return out;
        }

        /**
         * The best speedup this backbone allows on this machine: stages at the plain backbone's time per sample
         * and nothing else (no heads, copies or decisions). Below the theoretical speedup when the stages that
         * every sample runs cost more time per MAC than the ones early exits skip, which MACs cannot see.
         */
        public double stagesAloneSpeedup() {
            return Arrays.stream(backboneStageMs).sum() / Arrays.stream(proportionalStageMs()).sum();
        }
    }

    private ExitsBenchmark() {}

    /** The plain backbone's inference form on every batch; stage times added to {@code stageNanos} when not null. */
    private static void backbonePass(InferenceStages plain, NDList batches, long[] stageNanos, int[] predictions) {
        int at = 0;
        for (NDArray x : batches) {
            try (NDScope scope = new NDScope()) {
                for (long v : plain.logits(x, stageNanos).argMax(1).toLongArray()) {
                    predictions[at++] = (int) v;
                }
            }
        }
    }

    /** The exiting predictor on one input batch at a time. */
    private static void exitingPass(ExitingPredictor predictor, NDManager manager, NDList batches, ExitTimings timings,
            ExitPrediction[] predictions) {
        int at = 0;
        for (NDArray x : batches) {
            ExitPrediction[] out = predictor.predict(manager, x, timings);
            System.arraycopy(out, 0, predictions, at, out.length);
            at += out.length;
        }
    }

    /** Pooling changes when samples run, never what they get: a benchmark of two paths that disagree measures nothing. */
    private static void checkAgree(ExitPrediction[] pooled, ExitPrediction[] perBatch) {
        for (int k = 0; k < perBatch.length; k++) {
            if (pooled[k].label() != perBatch[k].label() || pooled[k].exitHead() != perBatch[k].exitHead()) {
                throw new IllegalStateException("pooled and per-batch exiting disagree on sample " + k);
            }
        }
    }

    public static Figures run(Path bundleDir, ImageSet images, Double param, int batch, int rounds) {
        return run(bundleDir, images, param, batch, rounds, Precision.FP32);
    }

    /** {@link #run(Path, ImageSet, Double, int, int)} with backbone and heads in {@code precision} (fp32 or bf16). */
    public static Figures run(Path bundleDir, ImageSet images, Double param, int batch, int rounds, Precision precision) {
        Engines.pytorch();
        try (NDManager manager = NDManager.newBaseManager()) {
            ExitsBundle.Loaded b = ExitsBundle.read(bundleDir, manager);
            b.model().setPrecision(precision);
            double p = param != null ? param : b.param();
            ExitingPredictor predictor = b.predictor(p);
            BatchAssembler data = new BatchAssembler(images, b.manifest().normalization());
            int n = images.size();
            NDList batches = new NDList();
            for (int from = 0; from < n; from += batch) {
                int to = Math.min(n, from + batch);
                batches.add(Batches.inOrder(manager, data, from, to));
            }
            // the same inference form of the backbone as the exiting path: a fair baseline is the fastest one
            InferenceStages plain = b.model().backboneInference();
            int stages = plain.numStages();
            long[] backboneStageNanos = new long[stages];
            ExitTimings timings = new ExitTimings(stages);
            ExitTimings pooledTimings = new ExitTimings(stages);
            int[] backbonePred = new int[n];
            ExitPrediction[] exiting = new ExitPrediction[n];
            ExitPrediction[] pooled = null;
            double[] tb = new double[rounds];
            double[] te = new double[rounds];
            double[] tp = new double[rounds];
            for (int r = -1; r < rounds; r++) { // round −1 warms both paths up and is not counted
                boolean timed = r >= 0;
                long s = System.nanoTime();
                backbonePass(plain, batches, timed ? backboneStageNanos : null, backbonePred);
                long mid = System.nanoTime();
                exitingPass(predictor, manager, batches, timed ? timings : new ExitTimings(stages), exiting);
                long end = System.nanoTime();
                pooled = predictor.predictStream(manager, batches, n, batch, timed ? pooledTimings : new ExitTimings(stages), false);
                long pooledEnd = System.nanoTime();
                if (timed) {
                    tb[r] = (mid - s) / 1e9;
                    te[r] = (end - mid) / 1e9;
                    tp[r] = (pooledEnd - end) / 1e9;
                }
            }
            checkAgree(pooled, exiting);
            double cost = 0;
            int right = 0;
            int rightBackbone = 0;
            for (int k = 0; k < n; k++) {
                cost += exiting[k].costFraction();
                right += exiting[k].label() == images.labels()[k] ? 1 : 0;
                rightBackbone += backbonePred[k] == images.labels()[k] ? 1 : 0;
            }
            cost /= n;
            double backbone = median(tb);
            MacReport macs = b.model().backbone().macs();
            double timedBatches = (double) rounds * batches.size();
            ExitingRun perBatch = run(backbone, median(te), cost, breakdown(macs, backboneStageNanos, timings, timedBatches));
            ExitingRun pooledRun = run(backbone, median(tp), cost, breakdown(macs, backboneStageNanos, pooledTimings, timedBatches));
            return new Figures(n, batch, p, cost, 1 / cost, backbone, (double) right / n, (double) rightBackbone / n,
                    perBatch, pooledRun);
        }
    }

    private static ExitingRun run(double backboneSeconds, double seconds, double meanCost, Breakdown breakdown) {
        double speedup = backboneSeconds / seconds;
        return new ExitingRun(seconds, speedup, speedup * meanCost, breakdown);
    }

    private static Breakdown breakdown(MacReport macs, long[] backboneStageNanos, ExitTimings t, double batchesTimed) {
        int stages = backboneStageNanos.length;
        double[] share = new double[stages];
        double[] backbone = new double[stages];
        double[] exiting = new double[stages];
        double[] samples = new double[stages];
        long[] exitingNanos = t.stageNanos();
        long[] exitingSamples = t.stageSamples();
        for (int i = 0; i < stages; i++) {
            share[i] = (double) macs.stageMacs().get(i) / macs.total();
            backbone[i] = backboneStageNanos[i] / 1e6 / batchesTimed;
            exiting[i] = exitingNanos[i] / 1e6 / batchesTimed;
            samples[i] = exitingSamples[i] / batchesTimed;
        }
        return new Breakdown(share, backbone, exiting, samples, t.nanos(Phase.HEADS) / 1e6 / batchesTimed,
                t.nanos(Phase.ENSEMBLES) / 1e6 / batchesTimed, t.nanos(Phase.DECISIONS) / 1e6 / batchesTimed,
                t.nanos(Phase.COMPACTION) / 1e6 / batchesTimed, t.nanos(Phase.JOINS) / 1e6 / batchesTimed);
    }

    static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
