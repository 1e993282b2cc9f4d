package io.zerowaste.nn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * A convolution followed by inference-mode batch norm, folded into one convolution with a bias:
 * {@code w' = w·γ/√(σ²+ε)} per output channel and {@code b' = β − μ·γ/√(σ²+ε)}. Same outputs up to float
 * rounding, one pass over the feature map instead of two.
 */
record FoldedConv(NDArray weight, NDArray bias, Shape stride, Shape padding) {

    private static final Shape NO_DILATION = new Shape(1, 1);

    /** Folds {@code bn} into {@code conv} (a conv without bias); the new arrays belong to {@code manager}. */
    static FoldedConv of(Conv2d conv, BatchNorm2dBlock bn, NDManager manager) {
        try (NDScope scope = new NDScope()) {
            NDArray w = conv.getParameters().get("weight").getArray();
            BatchNorm2dBlock.Statistics s = bn.statistics();
            NDArray scale = s.gamma().div(s.runningVar().add(bn.epsilon()).sqrt());
            // detached: a snapshot, even when made while a gradient collector is open
            NDArray weight = w.mul(scale.reshape(-1, 1, 1, 1)).stopGradient();
            NDArray bias = s.beta().sub(s.runningMean().mul(scale)).stopGradient();
            NDScope.unregister(weight, bias);
            weight.attach(manager);
            bias.attach(manager);
            return new FoldedConv(weight, bias, conv.getStride(), conv.getPadding());
        }
    }

    NDArray apply(NDArray x) {
        return Conv2d.conv2d(x, weight, bias, stride, padding, NO_DILATION, 1).singletonOrThrow();
    }
}
