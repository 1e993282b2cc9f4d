package io.zerowaste.exits.ztw;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * Zero-Time-Waste's weighted geometric ensembles, one per head i:
 * {@code s_i = (1/(i+1)) · Σ_{j≤i} exp(w_j^(i)) · log_softmax(z_j) + b^(i)}, with per-head weights
 * {@code w^(i)} (initialised N(0, 0.01²)) and a per-class bias {@code b^(i)} (initialised 0).
 */
public final class GeometricEnsembleBlock extends AbstractBlock {

    private final int heads;
    private final List<Parameter> weights = new ArrayList<>();
    private final List<Parameter> biases = new ArrayList<>();
    private EnsembleWeights snapshot;

    public GeometricEnsembleBlock(int heads, int numClasses) {
        this.heads = heads;
        for (int i = 0; i < heads; i++) {
            weights.add(addParameter(Parameter.builder().setName("w" + i).setType(Parameter.Type.OTHER)
                    .optInitializer(new NormalInitializer(0.01f)).optShape(new Shape(i + 1)).build()));
            biases.add(addParameter(Parameter.builder().setName("b" + i).setType(Parameter.Type.BIAS)
                    .optShape(new Shape(numClasses)).build()));
        }
    }

    public int heads() {
        return heads;
    }

    /**
     * The ensembles' weights as plain numbers ({@link EnsembleWeights}), made on first use and kept until a
     * training pass of {@link #combine} drops them.
     */
    public synchronized EnsembleWeights weights() {
        if (snapshot == null) {
            float[][] w = new float[heads][];
            float[][] b = new float[heads][];
            for (int i = 0; i < heads; i++) {
                w[i] = weights.get(i).getArray().toFloatArray();
                b[i] = biases.get(i).getArray().toFloatArray();
            }
            snapshot = new EnsembleWeights(w, b);
        }
        return snapshot;
    }

    private synchronized void dropWeights() {
        snapshot = null;
    }

    /**
     * The ensemble output of head {@code i} from the log-probabilities of heads 0..i stacked as
     * N×(i+1)×C, in a handful of native calls whatever i is (training and the offline sweep; the exiting
     * path uses {@link #weights()}).
     */
    public NDArray combine(ParameterStore ps, int i, NDArray stackedLogProbs, boolean training) {
        if (training) {
            dropWeights();
        }
        var device = stackedLogProbs.getDevice();
        NDArray w = ps.getValue(weights.get(i), device, training).exp().reshape(1, i + 1, 1);
        return stackedLogProbs.mul(w).mean(new int[] {1}).add(ps.getValue(biases.get(i), device, training));
    }

    /** Appends one head's N×C log-probabilities to the N×k×C stack of the heads before it (null: none yet). */
    public static NDArray append(NDArray stacked, NDArray logProbs) {
        NDArray next = logProbs.expandDims(1);
        return stacked == null ? next : NDArrays.concat(new NDList(stacked, next), 1);
    }

    /** Input: log-probabilities of every head stacked as N×heads×C; output: every head's ensemble. */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray stacked = inputs.singletonOrThrow();
        NDList out = new NDList();
        for (int i = 0; i < heads; i++) {
            out.add(combine(ps, i, stacked.get(":, 0:" + (i + 1) + ", :"), training));
        }
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // parameters only; shapes are fixed at construction
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] out = new Shape[heads];
        for (int i = 0; i < heads; i++) {
            out[i] = new Shape(inputShapes[0].get(0), inputShapes[0].get(2));
        }
        return out;
    }
}
