package io.zerowaste.nn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Batch normalisation over the channel axis of N×C×H×W maps, calling torch's batch_norm directly.
 * DJL's {@code BatchNorm} block wraps every call in a sub-manager, two axis swaps and re-attachments even
 * for the channel axis; on small CPU batches that overhead dwarfs the kernel itself (docs/PERFORMANCE.md). The PyTorch engine
 * takes axis −1 to mean "torch's own channel axis (1)" and skips it. Same parameters and semantics:
 * running = momentum·running + (1 − momentum)·batch, with momentum 0.9 (torch's 0.1).
 */
public final class BatchNorm2dBlock extends AbstractBlock {

    private static final int TORCH_NATIVE_AXIS = -1;

    private final float momentum;
    private final float epsilon;
    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter runningMean;
    private final Parameter runningVar;

    public BatchNorm2dBlock(float momentum, float epsilon) {
        this.momentum = momentum;
        this.epsilon = epsilon;
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).build());
        runningMean = addParameter(Parameter.builder().setName("runningMean").setType(Parameter.Type.RUNNING_MEAN)
                .optRequiresGrad(false).build());
        runningVar = addParameter(Parameter.builder().setName("runningVar").setType(Parameter.Type.RUNNING_VAR)
                .optRequiresGrad(false).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        var d = x.getDevice();
        return BatchNorm.batchNorm(x, ps.getValue(runningMean, d, training), ps.getValue(runningVar, d, training),
                ps.getValue(gamma, d, training), ps.getValue(beta, d, training), TORCH_NATIVE_AXIS, momentum, epsilon,
                training);
    }

    /** The trained parameters and running statistics, for folding into the convolution before. */
    record Statistics(NDArray gamma, NDArray beta, NDArray runningMean, NDArray runningVar) {}

    Statistics statistics() {
        return new Statistics(gamma.getArray(), beta.getArray(), runningMean.getArray(), runningVar.getArray());
    }

    float epsilon() {
        return epsilon;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape channels = new Shape(inputShapes[0].get(1));
        gamma.setShape(channels);
        beta.setShape(channels);
        runningMean.setShape(channels);
        runningVar.setShape(channels);
    }
}
