package io.zerowaste.exits.ztw;

import ai.djl.ndarray.NDArray;
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
     * The ensemble output of head {@code i} from the log-probabilities of heads 0..i, each N×C.
     */
    public NDArray combine(ParameterStore ps, int i, List<NDArray> logProbs, boolean training) {
        NDArray w = ps.getValue(weights.get(i), logProbs.get(0).getDevice(), training).exp();
        NDArray sum = null;
        for (int j = 0; j <= i; j++) {
            NDArray term = logProbs.get(j).mul(w.get(j));
            sum = sum == null ? term : sum.add(term);
        }
        return sum.div(i + 1).add(ps.getValue(biases.get(i), logProbs.get(0).getDevice(), training));
    }

    /** Input: log-probabilities of every head stacked as N×heads×C; output: every head's ensemble. */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray stacked = inputs.singletonOrThrow();
        List<NDArray> logProbs = new ArrayList<>();
        for (int j = 0; j < heads; j++) {
            logProbs.add(stacked.get(":, " + j + ", :"));
        }
        NDList out = new NDList();
        for (int i = 0; i < heads; i++) {
            out.add(combine(ps, i, logProbs, training));
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
