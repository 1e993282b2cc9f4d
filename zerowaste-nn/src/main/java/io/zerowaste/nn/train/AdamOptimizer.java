package io.zerowaste.nn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam with bias correction (Kingma & Ba) and optional L2 weight decay added to the gradient, as
 * PyTorch's Adam: m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²; w −= lr·m̂ / (√v̂ + ε).
 */
public final class AdamOptimizer implements Optimizer {

    private final List<Parameter> params;
    private final NDManager manager;
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float weightDecay;
    private final List<NDArray> m = new ArrayList<>();
    private final List<NDArray> v = new ArrayList<>();
    private long t;

    public AdamOptimizer(List<Parameter> params, NDManager manager, float beta1, float beta2, float eps, float weightDecay) {
        this.params = params;
        this.manager = manager.newSubManager();
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        for (Parameter p : params) {
            m.add(this.manager.zeros(p.getArray().getShape()));
            v.add(this.manager.zeros(p.getArray().getShape()));
        }
    }

    @Override
    public void step(float lr) {
        t++;
        float c1 = (float) (1 - Math.pow(beta1, t));
        float c2 = (float) (1 - Math.pow(beta2, t));
        for (int k = 0; k < params.size(); k++) {
            NDArray w = params.get(k).getArray();
            try (NDArray g = w.getGradient()) {
                NDArray d = weightDecay == 0 ? g : g.add(w.mul(weightDecay));
                m.get(k).muli(beta1).addi(d.mul(1 - beta1));
                v.get(k).muli(beta2).addi(d.square().muli(1 - beta2));
                NDArray denom = v.get(k).div(c2).sqrt().addi(eps);
                w.subi(m.get(k).mul(lr / c1).divi(denom));
                g.subi(g);
            }
        }
    }

    @Override
    public NDList saveState() {
        NDList s = new NDList();
        s.addAll(m);
        s.addAll(v);
        s.add(manager.create(new long[] {t}));
        return s;
    }

    @Override
    public void loadState(NDList state) {
        if (state.size() != 2 * m.size() + 1) {
            throw new IllegalArgumentException("optimizer state has " + state.size() + " arrays, expected " + (2 * m.size() + 1));
        }
        for (int k = 0; k < m.size(); k++) {
            m.get(k).set(state.get(k).toFloatArray());
            v.get(k).set(state.get(m.size() + k).toFloatArray());
        }
        t = state.get(2 * m.size()).toLongArray()[0];
    }

    @Override
    public void close() {
        manager.close();
    }
}
