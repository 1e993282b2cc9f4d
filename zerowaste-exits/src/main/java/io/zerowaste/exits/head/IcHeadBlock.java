package io.zerowaste.exits.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.zerowaste.nn.engine.Precision;
import io.zerowaste.nn.macs.MacCounter;

/**
 * An internal classifier on a C×H×W feature map: ReLU → conv3×3 stride 2 (C→C/2) → SDN pool to 4×4 →
 * flatten → linear to the classes. With a cascade input, the linear layer also reads the previous head's
 * logits through {@code stopGradient}, layer-normalised (as in the ZTW paper's appendix and reference code:
 * the raw logits' scale grows with the earlier head's confidence and would otherwise swamp the pooled
 * features): the head reuses what the earlier head concluded without training it.
 */
public final class IcHeadBlock extends AbstractBlock {

    private final int channels;
    private final int numClasses;
    private final boolean cascadeInput;
    private final Conv2d conv;
    private final SdnPoolBlock pool;
    private final Linear linear;
    private final LayerNorm cascadeNorm;

    private final boolean inputNonNegative;

    /** The cascade input's layer norm epsilon (DJL's default, stated so the inference form uses the same). */
    static final float CASCADE_NORM_EPSILON = 1e-5f;

    public IcHeadBlock(int channels, int numClasses, boolean cascadeInput) {
        this(channels, numClasses, cascadeInput, false);
    }

    /**
     * @param inputNonNegative the feature maps are already ≥ 0 (a backbone whose stages end with a ReLU), so
     *     the head's ReLU is the identity and is skipped: the same output for one pass less over the map
     */
    public IcHeadBlock(int channels, int numClasses, boolean cascadeInput, boolean inputNonNegative) {
        this.inputNonNegative = inputNonNegative;
        this.channels = channels;
        this.numClasses = numClasses;
        this.cascadeInput = cascadeInput;
        conv = addChildBlock("conv", Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(channels / 2)
                .optStride(new Shape(2, 2)).optPadding(new Shape(1, 1)).build());
        pool = addChildBlock("pool", new SdnPoolBlock());
        linear = addChildBlock("linear", Linear.builder().setUnits(numClasses).build());
        cascadeNorm = cascadeInput ? addChildBlock("cascade_norm", LayerNorm.builder().optEpsilon(CASCADE_NORM_EPSILON).build()) : null;
    }

    public boolean cascadeInput() {
        return cascadeInput;
    }

    /** Logits from {@code features}; {@code previousLogits} is required exactly when this head has a cascade input. */
    public NDArray forward(ParameterStore ps, NDArray features, NDArray previousLogits, boolean training) {
        NDList in = cascadeInput ? new NDList(features, previousLogits) : new NDList(features);
        return forward(ps, in, training).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputNonNegative ? inputs.get(0) : Activation.relu(inputs.get(0));
        x = conv.forward(ps, new NDList(x), training).singletonOrThrow();
        x = pool.forward(ps, new NDList(x), training).singletonOrThrow();
        NDArray flat = x.reshape(x.getShape().get(0), -1);
        if (cascadeInput) {
            NDArray previous = cascadeNorm.forward(ps, new NDList(inputs.get(1).stopGradient()), training).singletonOrThrow();
            flat = NDArrays.concat(new NDList(flat, previous), 1);
        }
        return linear.forward(ps, new NDList(flat), training);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        conv.initialize(manager, dataType, s);
        Shape c = conv.getOutputShapes(new Shape[] {s})[0];
        pool.initialize(manager, dataType, c);
        linear.initialize(manager, dataType, new Shape(s.get(0), linearInputs()));
        if (cascadeNorm != null) {
            cascadeNorm.initialize(manager, dataType, new Shape(s.get(0), numClasses));
        }
    }

    /**
     * This head's inference form for feature maps of {@code h}×{@code w} (see {@link IcHeadInference}): a
     * snapshot of the current weights, its arrays owned by {@code manager}.
     */
    public IcHeadInference inferenceForm(NDManager manager, int h, int w) {
        return IcHeadInference.of(this, manager, h, w);
    }

    /** {@link #inferenceForm(NDManager, int, int)} in {@code precision} (fp32 or bf16). */
    public IcHeadInference inferenceForm(NDManager manager, int h, int w, Precision precision) {
        return IcHeadInference.of(this, manager, h, w, precision);
    }

    Conv2d conv() {
        return conv;
    }

    SdnPoolBlock pool() {
        return pool;
    }

    Linear linear() {
        return linear;
    }

    /** The cascade input's layer norm; null without a cascade input. */
    LayerNorm cascadeNorm() {
        return cascadeNorm;
    }

    int numClasses() {
        return numClasses;
    }

    boolean inputNonNegative() {
        return inputNonNegative;
    }

    /** The side of the conv's output for an input side {@code size} (kernel 3, stride 2, padding 1). */
    static int convOut(int size) {
        return MacCounter.convOut(size, 3, 2, 1);
    }

    private long linearInputs() {
        return (long) (channels / 2) * SdnPoolBlock.OUT * SdnPoolBlock.OUT + (cascadeInput ? numClasses : 0);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), numClasses)};
    }

    /** Forward MACs on an input of {@code h}×{@code w}: the conv and the linear layer. */
    public long macs(int h, int w) {
        int ho = convOut(h);
        int wo = convOut(w);
        return MacCounter.conv(channels, channels / 2, 3, ho, wo) + MacCounter.linear((int) linearInputs(), numClasses);
    }
}
