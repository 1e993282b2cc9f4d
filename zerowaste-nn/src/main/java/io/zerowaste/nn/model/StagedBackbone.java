package io.zerowaste.nn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.zerowaste.nn.engine.Precision;
import io.zerowaste.nn.macs.MacReport;

/**
 * A backbone that runs stage by stage, so early-exit heads can tap the feature map after each stage and
 * a dynamic predictor can stop part-way. {@code forward} runs every stage and the classifier.
 */
public interface StagedBackbone extends Block {

    int numStages();

    /** Runs stage {@code i} on the output of stage {@code i − 1} (stage 0 takes the image batch). */
    NDArray forwardStage(ParameterStore ps, int i, NDArray input, boolean training);

    /** The final classifier on the last stage's feature map. */
    NDArray classify(ParameterStore ps, NDArray features, boolean training);

    /** Channels, height and width of stage {@code i}'s output for one sample. */
    int[] stageOutputShape(int i);

    MacReport macs();

    /**
     * This backbone's inference form, any arrays it makes owned by {@code manager}; by default the stages
     * themselves in inference mode, reading the live weights.
     */
    default InferenceStages inferenceStages(NDManager manager) {
        ParameterStore ps = new ParameterStore(manager, false);
        StagedBackbone self = this;
        return new InferenceStages() {
            @Override
            public int numStages() {
                return self.numStages();
            }

            @Override
            public NDArray runStage(int i, NDArray input) {
                return forwardStage(ps, i, input, false);
            }

            @Override
            public NDArray classify(NDArray features) {
                return self.classify(ps, features, false);
            }
        };
    }

    /**
     * This backbone's inference form in {@code precision} (fp32 or bf16): fp32 is {@link #inferenceStages(NDManager)}
     * itself; bf16 exists where {@link #bf16Unavailable()} is null.
     */
    default InferenceStages inferenceStages(NDManager manager, Precision precision) {
        if (precision == Precision.BF16) {
            throw new IllegalStateException(bf16Unavailable());
        }
        return inferenceStages(manager);
    }

    /** Sets the precision of this backbone's own forward passes (training); only fp32 unless overridden. */
    default void setTrainingPrecision(Precision p) {
        if (p == Precision.BF16) {
            throw new IllegalStateException(bf16Unavailable());
        }
    }

    /** Null when this backbone has a bf16 inference form; else why not, in a few words. */
    default String bf16Unavailable() {
        return spec().name() + " has no bf16 inference form";
    }

    /** Whether every stage output is ≥ 0 (it ends with a ReLU), so a ReLU on it would change nothing. */
    default boolean stageOutputsNonNegative() {
        return false;
    }

    ArchitectureSpec spec();
}
