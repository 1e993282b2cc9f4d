package io.zerowaste.exits.predict;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.exits.model.EarlyExitModel;
import io.zerowaste.exits.policy.ExitPolicy;
import io.zerowaste.nn.eval.Batches;

/**
 * Dynamic early-exit inference: runs the backbone stage by stage; after each internal classifier the
 * samples that exit are answered and the batch is compacted to the rest, so later stages only run on the
 * samples still undecided ({@link StageStep}). Its answers equal {@code ExitSimulator}'s for the same policy.
 *
 * <p>{@link #predict} takes one batch (serving). {@link #predictStream} takes many and pools the samples
 * still undecided after a stage across input batches ({@link PooledScheduler}), so that every stage runs on
 * full batches.
 */
public final class ExitingPredictor {

    /** The default batch of {@link #predictAll}. */
    public static final int BATCH = 256;

    private final EarlyExitModel model;
    private final ExitPolicy policy;
    private final boolean ensemble;
    private final StageStep step;

    public ExitingPredictor(EarlyExitModel model, ExitPolicy policy, boolean ensemble) {
        this.model = model;
        this.policy = policy;
        this.ensemble = ensemble && model.ensemble() != null;
        this.step = new StageStep(model, this.ensemble);
    }

    public ExitPolicy policy() {
        return policy;
    }

    /** Predictions for every image of {@code data}, in order, streamed in batches of {@link #BATCH}. */
    public ExitPrediction[] predictAll(NDManager manager, BatchAssembler data) {
        int n = data.images().size();
        Iterable<NDArray> batches = Batches.lazily(n, BATCH, (from, to) -> Batches.inOrder(manager, data, from, to));
        try (NDManager run = manager.newSubManager()) {
            return predictStream(run, batches, n, BATCH, newTimings(), true);
        }
    }

    /** Predictions for a normalised batch {@code x} (N×C×H×W). */
    public ExitPrediction[] predict(NDManager manager, NDArray x) {
        return predict(manager, x, newTimings());
    }

    /** Predictions for a normalised batch {@code x} (N×C×H×W), adding where the time went to {@code timings}. */
    public ExitPrediction[] predict(NDManager manager, NDArray x, ExitTimings timings) {
        PredictionRun run = newRun(manager, (int) x.getShape().get(0), timings);
        SampleGroup g = SampleGroup.input(x, 0);
        try {
            for (int i = 0; g != null; i++) {
                SampleGroup next = step.advance(run, i, g);
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
        PredictionRun run = newRun(manager, samples, timings);
        new PooledScheduler(step, model.backbone().numStages(), batch).run(run, inputs, closeInputs);
        return run.out;
    }

    private PredictionRun newRun(NDManager manager, int samples, ExitTimings timings) {
        return new PredictionRun(model, policy, ensemble, manager, samples, timings);
    }

    private ExitTimings newTimings() {
        return new ExitTimings(model.backbone().numStages());
    }
}
