package io.zerowaste.nn.model;

import ai.djl.ndarray.NDArray;

/**
 * Puts an N×C×H×W batch into channels-last memory order (N, H, W, C) while keeping its logical shape.
 * libtorch keeps that order through convolutions, element-wise ops and pooling, and its CPU kernels run
 * faster on it: oneDNN convolutions skip the reorder into and out of their blocked format, and max/avg
 * pooling vectorise over the channels. Every result is the same; only speed changes. DJL has no
 * memory-format call, so the order comes from a permuted copy viewed back in N×C×H×W.
 */
final class ChannelsLast {

    private ChannelsLast() {}

    static NDArray of(NDArray x) {
        long[] s = x.getShape().getShape();
        // reshape(N, −1) of the N×H×W×C view must copy, and copies in that view's order
        NDArray nhwc = x.transpose(0, 2, 3, 1).reshape(s[0], -1).reshape(s[0], s[2], s[3], s[1]);
        return nhwc.transpose(0, 3, 1, 2);
    }
}
