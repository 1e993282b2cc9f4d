package io.zerowaste.nn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * SGD with Nesterov momentum and L2 weight decay, as PyTorch defines it:
 * d = g + wd·w; b = μ·b + d; w −= lr·(d + μ·b).
 */
public final class SgdOptimizer implements Optimizer {

    private final List<Parameter> params;
    private final NDManager manager;
    private final float momentum;
    private final float weightDecay;
    private final List<NDArray> buffers = new ArrayList<>();

    public SgdOptimizer(List<Parameter> params, NDManager manager, float momentum, float weightDecay) {
        this.params = params;
        this.manager = manager.newSubManager();
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        for (Parameter p : params) {
            buffers.add(this.manager.zeros(p.getArray().getShape()));
        }
    }

    @Override
    public void step(float lr) {
        for (int k = 0; k < params.size(); k++) {
            NDArray w = params.get(k).getArray();
            try (NDArray g = w.getGradient()) {
                NDArray d = weightDecay == 0 ? g : g.add(w.mul(weightDecay));
                NDArray b = buffers.get(k);
                b.muli(momentum).addi(d);
                w.subi(d.add(b.mul(momentum)).muli(lr));
                g.subi(g);
            }
        }
    }

    @Override
    public NDList saveState() {
        return new NDList(buffers);
    }

    @Override
    public void loadState(NDList state) {
        if (state.size() != buffers.size()) {
            throw new IllegalArgumentException("optimizer state has " + state.size() + " arrays, expected " + buffers.size());
        }
        for (int k = 0; k < buffers.size(); k++) {
            buffers.get(k).set(state.get(k).toFloatArray());
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
