package io.zerowaste.nn.model;

import io.zerowaste.nn.macs.MacCounter;

/**
 * How a ResNet stem shrinks its input, chosen from the input's size as ResNets do: small images (up to 32 px,
 * the CIFAR and MNIST sizes) keep their resolution; up to 64 px the stem convolution has stride 2; larger
 * images also pass a 3×3 stride-2 max pool (the ImageNet stem, with a 3×3 kernel instead of 7×7).
 *
 * @param convStride the stem convolution's stride
 * @param maxPool whether a 3×3 stride-2 max pool (padding 1) follows the stem
 */
public record StemLayout(int convStride, boolean maxPool) {

    public static final int NO_STRIDE_UP_TO = 32;
    public static final int STRIDE_UP_TO = 64;

    /** The stem for an input of {@code height}×{@code width} pixels (its larger side decides). */
    public static StemLayout forInput(int height, int width) {
        int side = Math.max(height, width);
        if (side <= NO_STRIDE_UP_TO) {
            return new StemLayout(1, false);
        }
        return new StemLayout(2, side > STRIDE_UP_TO);
    }

    /** The stem convolution's output side for an input side. */
    public int convOut(int side) {
        return MacCounter.convOut(side, 3, convStride, 1);
    }

    /** The stem's output side (after the pool, if any) for an input side. */
    public int out(int side) {
        int s = convOut(side);
        return maxPool ? MacCounter.convOut(s, 3, 2, 1) : s;
    }
}
