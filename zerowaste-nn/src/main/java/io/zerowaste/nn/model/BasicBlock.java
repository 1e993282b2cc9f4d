package io.zerowaste.nn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.zerowaste.nn.engine.Precision;
import io.zerowaste.nn.macs.MacCounter;

/**
 * ResNet basic block: conv3×3–BN–ReLU–conv3×3–BN plus the identity, or a 1×1 conv + BN shortcut when the
 * shape changes, then ReLU.
 */
public final class BasicBlock extends AbstractBlock {

    private final int in;
    private final int out;
    private final int stride;
    private final Conv2d conv1;
    private final BatchNorm2dBlock bn1;
    private final Conv2d conv2;
    private final BatchNorm2dBlock bn2;
    private final Conv2d shortcutConv;
    private final BatchNorm2dBlock shortcutBn;

    private Precision precision = Precision.FP32;

    public BasicBlock(int in, int out, int stride) {
        this.in = in;
        this.out = out;
        this.stride = stride;
        conv1 = addChildBlock("conv1", Layers.conv(out, 3, stride, 1));
        bn1 = addChildBlock("bn1", Layers.batchNorm());
        conv2 = addChildBlock("conv2", Layers.conv(out, 3, 1, 1));
        bn2 = addChildBlock("bn2", Layers.batchNorm());
        if (stride != 1 || in != out) {
            shortcutConv = addChildBlock("shortcut_conv", Layers.conv(out, 1, stride, 0));
            shortcutBn = addChildBlock("shortcut_bn", Layers.batchNorm());
        } else {
            shortcutConv = null;
            shortcutBn = null;
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray y = ConvCompute.apply(precision, conv1, ps, x, training);
        y = Activation.relu(bn1.forward(ps, new NDList(y), training).singletonOrThrow());
        y = ConvCompute.apply(precision, conv2, ps, y, training);
        y = bn2.forward(ps, new NDList(y), training).singletonOrThrow();
        NDArray shortcut = x;
        if (shortcutConv != null) {
            shortcut = ConvCompute.apply(precision, shortcutConv, ps, x, training);
            shortcut = shortcutBn.forward(ps, new NDList(shortcut), training).singletonOrThrow();
        }
        return new NDList(Activation.relu(y.add(shortcut)));
    }

    /** This block for inference, with each batch norm folded into its convolution. */
    /** The precision this block's convolutions compute in on forward passes (fp32 by default). */
    void setPrecision(Precision p) {
        precision = p;
    }

    Folded fold(NDManager manager) {
        return new Folded(FoldedConv.of(conv1, bn1, manager), FoldedConv.of(conv2, bn2, manager),
                shortcutConv == null ? null : FoldedConv.of(shortcutConv, shortcutBn, manager));
    }

    /** relu(conv2(relu(conv1(x))) + shortcut(x)), each conv with its batch norm folded in. */
    record Folded(FoldedConv conv1, FoldedConv conv2, FoldedConv shortcut) {

        NDArray apply(NDArray x) {
            NDArray y = conv2.apply(Activation.relu(conv1.apply(x)));
            // y is this call's own fresh array, so the residual sum can reuse its memory
            return Activation.relu(y.addi(shortcut == null ? x : shortcut.apply(x)));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        int h = MacCounter.convOut((int) s.get(2), 3, stride, 1);
        int w = MacCounter.convOut((int) s.get(3), 3, stride, 1);
        return new Shape[] {new Shape(s.get(0), out, h, w)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        conv1.initialize(manager, dataType, s);
        Shape mid = conv1.getOutputShapes(new Shape[] {s})[0];
        bn1.initialize(manager, dataType, mid);
        conv2.initialize(manager, dataType, mid);
        bn2.initialize(manager, dataType, mid);
        if (shortcutConv != null) {
            shortcutConv.initialize(manager, dataType, s);
            shortcutBn.initialize(manager, dataType, shortcutConv.getOutputShapes(new Shape[] {s})[0]);
        }
    }

    /** Forward MACs for an input of {@code h}×{@code w}. */
    public long macs(int h, int w) {
        int ho = MacCounter.convOut(h, 3, stride, 1);
        int wo = MacCounter.convOut(w, 3, stride, 1);
        long m = MacCounter.conv(in, out, 3, ho, wo) + MacCounter.conv(out, out, 3, ho, wo);
        if (shortcutConv != null) {
            m += MacCounter.conv(in, out, 1, ho, wo);
        }
        return m;
    }

    public int outChannels() {
        return out;
    }

    public int stride() {
        return stride;
    }
}
