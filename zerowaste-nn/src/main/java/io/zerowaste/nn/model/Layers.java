package io.zerowaste.nn.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;

/** The layer settings every backbone shares. */
final class Layers {

    private Layers() {}

    static Conv2d conv(int filters, int kernel, int stride, int padding) {
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .setFilters(filters)
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding))
                .optBias(false)
                .build();
    }

    static BatchNorm batchNorm() {
        return BatchNorm.builder().optEpsilon(1e-5f).optMomentum(0.9f).build();
    }
}
