package io.zerowaste.nn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import io.zerowaste.nn.engine.Precision;
import io.zerowaste.nn.script.Bf16Scripts;
import io.zerowaste.nn.script.ScriptLibrary;

/**
 * How a backbone's convolutions compute in a forward pass (training or not): fp32 through DJL's own block,
 * exactly as before; or bf16 (mixed precision) through a scripted function on the block's fp32 weight, which
 * stays the parameter the optimizer updates and checkpoints store. Batch norms, the loss and the optimizer
 * stay fp32 in both.
 */
final class ConvCompute {

    private ConvCompute() {}

    /** A square-kernel, bias-free convolution, as {@link Layers#conv} makes them. */
    static NDArray apply(Precision precision, Conv2d conv, ParameterStore ps, NDArray x, boolean training) {
        if (precision != Precision.BF16) {
            return conv.forward(ps, new NDList(x), training).singletonOrThrow();
        }
        return bf16(conv, ps, x, training);
    }

    /**
     * {@code conv} (bias-free, square stride and padding, ungrouped) in the scripted bf16 convolution. It records
     * for autograd whenever a gradient collector is open, also on a forward pass in inference mode (EWC's
     * Fisher, a frozen teacher): libtorch's inference tensors could not be saved for the backward pass.
     */
    static NDArray bf16(Conv2d conv, ParameterStore ps, NDArray x, boolean training) {
        NDArray w = ps.getValue(conv.getParameters().get("weight"), x.getDevice(), training);
        return ScriptLibrary.function(Bf16Scripts.trainingConv((int) conv.getStride().get(0), (int) conv.getPadding().get(0)))
                .call(training || JniUtils.isGradMode(), x, w);
    }
}
