package io.zerowaste.nn.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

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

    static BatchNorm2dBlock batchNorm() {
        return new BatchNorm2dBlock(0.9f, 1e-5f);
    }
}
