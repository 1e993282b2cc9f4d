package io.zerowaste.exits.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.pooling.Pool;

/**
 * A trained head's inference form: the same logits as {@link IcHeadBlock} in inference mode, in fewer passes.
 * Everything after the convolution but the max pool is linear, so it is folded into the weights:
 * {@code W·(a·max(c) + (1−a)·avg(c)) = (a·W)·max(c) + W_avg·c}, where {@code W_avg} spreads {@code (1−a)·W}
 * over each average window. The average pool, the mix and the flattening copy disappear: the conv output
 * is read once by the max pool and once by a matrix product, both in its own (channels-last) memory order,
 * so the weights are laid out in that order too. A snapshot of the head's weights when it was made.
 */
public final class IcHeadInference {

    private static final Shape STRIDE = new Shape(2, 2);
    private static final Shape PADDING = new Shape(1, 1);
    private static final Shape NO_DILATION = new Shape(1, 1);

    private final boolean relu;
    private final NDArray convWeight;
    private final NDArray convBias;
    private final Shape poolKernel;
    private final Shape poolStride;
    /** Classes × (C'·4·4), for the max-pooled map in H×W×C order; null when the pool is the identity. */
    private final NDArray maxWeight;
    /** Classes × (C'·H'·W'), for the conv output in H×W×C order: the average branch (or the whole head). */
    private final NDArray mapWeight;
    private final NDArray bias;
    /** Classes × classes, for the layer-normalised cascade input; null without one. */
    private final NDArray cascadeWeight;
    private final NDArray cascadeGamma;
    private final NDArray cascadeBeta;
    private final float cascadeEpsilon;

    IcHeadInference(boolean relu, NDArray convWeight, NDArray convBias, Shape poolKernel, Shape poolStride,
            NDArray maxWeight, NDArray mapWeight, NDArray bias, NDArray cascadeWeight, NDArray cascadeGamma,
            NDArray cascadeBeta, float cascadeEpsilon) {
        this.relu = relu;
        this.convWeight = convWeight;
        this.convBias = convBias;
        this.poolKernel = poolKernel;
        this.poolStride = poolStride;
        this.maxWeight = maxWeight;
        this.mapWeight = mapWeight;
        this.bias = bias;
        this.cascadeWeight = cascadeWeight;
        this.cascadeGamma = cascadeGamma;
        this.cascadeBeta = cascadeBeta;
        this.cascadeEpsilon = cascadeEpsilon;
    }

    /** Logits (N×classes) from {@code features}; {@code previous} is the cascade input, ignored without one. */
    public NDArray logits(NDArray features, NDArray previous) {
        NDArray x = relu ? Activation.relu(features) : features;
        NDArray c = Conv2d.conv2d(x, convWeight, convBias, STRIDE, PADDING, NO_DILATION, 1).singletonOrThrow();
        NDArray out = Linear.linear(flatHwc(c), mapWeight, bias).singletonOrThrow();
        if (maxWeight != null) {
            NDArray max = Pool.maxPool2d(c, poolKernel, poolStride, new Shape(0, 0), false);
            out.addi(Linear.linear(flatHwc(max), maxWeight).singletonOrThrow());
        }
        if (cascadeWeight != null) {
            NDArray normed = LayerNorm.layerNorm(previous, new Shape(previous.getShape().get(1)), cascadeGamma,
                    cascadeBeta, cascadeEpsilon).singletonOrThrow();
            out.addi(Linear.linear(normed, cascadeWeight).singletonOrThrow());
        }
        return out;
    }

    /** N×C×H×W flattened in H×W×C order: a view when the array is channels-last, as the backbone's maps are. */
    private static NDArray flatHwc(NDArray a) {
        return a.transpose(0, 2, 3, 1).reshape(a.getShape().get(0), -1);
    }
}
