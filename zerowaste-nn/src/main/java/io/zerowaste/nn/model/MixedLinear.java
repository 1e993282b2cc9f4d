package io.zerowaste.nn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.zerowaste.nn.engine.Precision;
import io.zerowaste.nn.script.Bf16Scripts;
import io.zerowaste.nn.script.ScriptLibrary;

/**
 * DJL's {@link Linear}, able to compute in bf16. In fp32 (the default) it is DJL's block, the same code and the
 * same bytes when saved. In bf16 the product runs in {@link Bf16Scripts#trainingLinear}: fp32 in, bf16 inside,
 * fp32 out, the bias added in fp32. The weight and bias stay fp32 parameters, which the optimizer updates and
 * checkpoints store, and they get fp32 gradients.
 */
public class MixedLinear extends Linear implements PrecisionAware {

    private Precision precision = Precision.FP32;

    /** A linear layer with {@code units} outputs and a bias. */
    public MixedLinear(long units) {
        this(units, true);
    }

    public MixedLinear(long units, boolean bias) {
        super(Linear.builder().setUnits(units).optBias(bias));
    }

    @Override
    public void setPrecision(Precision p) {
        precision = PrecisionAware.checked(p);
    }

    public Precision precision() {
        return precision;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (precision != Precision.BF16) {
            return super.forwardInternal(ps, inputs, training, params);
        }
        NDArray x = inputs.singletonOrThrow();
        NDArray w = ps.getValue(getParameters().get("weight"), x.getDevice(), training);
        Parameter b = getParameters().get("bias");
        // record for autograd whenever a gradient collector is open, even on a forward pass in inference mode
        boolean record = training || JniUtils.isGradMode();
        var f = ScriptLibrary.function(Bf16Scripts.trainingLinear(b != null));
        return new NDList(b == null ? f.call(record, x, w) : f.call(record, x, w, ps.getValue(b, x.getDevice(), training)));
    }
}
