package io.zerowaste.nn.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.zerowaste.nn.engine.Precision;

/**
 * DJL's {@link Conv2d}, able to compute in bf16: in fp32 (the default) it is DJL's block, the same code and
 * the same bytes when saved; in bf16 it runs in the scripted convolution the backbones train with
 * ({@link io.zerowaste.nn.script.Bf16Scripts#trainingConv}) on its fp32 weight. That function takes square,
 * bias-free, ungrouped convolutions, so those are the ones this block makes.
 */
public class MixedConv2d extends Conv2d implements PrecisionAware {

    private Precision precision = Precision.FP32;

    /** A bias-free {@code kernel}×{@code kernel} convolution with {@code filters} outputs, stride 1, padding {@code padding}. */
    public MixedConv2d(int kernel, int filters, int padding) {
        super(Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).setFilters(filters).optPadding(new Shape(padding, padding))
                .optBias(false));
    }

    @Override
    public void setPrecision(Precision p) {
        precision = PrecisionAware.checked(p);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (precision != Precision.BF16) {
            return super.forwardInternal(ps, inputs, training, params);
        }
        return new NDList(ConvCompute.bf16(this, ps, inputs.singletonOrThrow(), training));
    }
}
