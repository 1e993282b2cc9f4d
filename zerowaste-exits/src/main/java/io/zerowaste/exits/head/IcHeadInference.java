package io.zerowaste.exits.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.pooling.Pool;
import io.zerowaste.nn.engine.Precision;
import io.zerowaste.nn.script.Bf16Scripts;
import io.zerowaste.nn.script.ScriptLibrary;
import io.zerowaste.nn.script.ScriptedFunction;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained head's inference form: the same logits as {@link IcHeadBlock} in inference mode, in fewer passes.
 * Everything after the convolution but the max pool is linear, so it is folded into the weights:
 * {@code W·(a·max(c) + (1−a)·avg(c)) = (a·W)·max(c) + W_avg·c}, where {@code W_avg} spreads {@code (1−a)·W}
 * over each average window. The average pool, the mix and the flattening copy disappear: the conv output
 * is read once by the max pool and once by a matrix product, both in its own (channels-last) memory order,
 * so the weights are laid out in that order too. A snapshot of the head's weights when it was made.
 */
public final class IcHeadInference {

    private static final Shape NO_DILATION = new Shape(1, 1);

    private final boolean relu;
    private final NDArray convWeight;
    private final NDArray convBias;
    private final Shape convStride;
    private final Shape convPadding;
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
    /** The cascade term's weights, γ and β as Java numbers, for {@link #addCascade}; null without one. */
    private final float[] cascadeWeightValues;
    private final float[] cascadeGammaValues;
    private final float[] cascadeBetaValues;
    /** The ReLU and convolution in bf16 (nn's scripted function), or null in fp32. */
    private ScriptedFunction bf16Conv;

    private IcHeadInference(boolean relu, NDArray convWeight, NDArray convBias, Shape convStride, Shape convPadding,
            Shape poolKernel, Shape poolStride, NDArray maxWeight, NDArray mapWeight, NDArray bias,
            NDArray cascadeWeight, NDArray cascadeGamma, NDArray cascadeBeta) {
        this.relu = relu;
        this.convWeight = convWeight;
        this.convBias = convBias;
        this.convStride = convStride;
        this.convPadding = convPadding;
        this.poolKernel = poolKernel;
        this.poolStride = poolStride;
        this.maxWeight = maxWeight;
        this.mapWeight = mapWeight;
        this.bias = bias;
        this.cascadeWeight = cascadeWeight;
        this.cascadeGamma = cascadeGamma;
        this.cascadeBeta = cascadeBeta;
        this.cascadeWeightValues = cascadeWeight == null ? null : cascadeWeight.toFloatArray();
        this.cascadeGammaValues = cascadeGamma == null ? null : cascadeGamma.toFloatArray();
        this.cascadeBetaValues = cascadeBeta == null ? null : cascadeBeta.toFloatArray();
    }

    /**
     * The form of {@code head} for feature maps of {@code h}×{@code w} in {@code precision}; its arrays belong to
     * {@code manager}. In bf16 only the ReLU and convolution (all but a thousandth of the head's MACs) change:
     * they run in nn's scripted bf16 function, and the folded linear layers stay fp32 on its fp32 output.
     */
    static IcHeadInference of(IcHeadBlock head, NDManager manager, int h, int w, Precision precision) {
        IcHeadInference form = of(head, manager, h, w);
        if (precision == Precision.BF16) {
            Shape s = form.convStride;
            Shape p = form.convPadding;
            if (s.get(0) != s.get(1) || p.get(0) != p.get(1)) {
                throw new IllegalStateException("the bf16 head convolution takes square strides and paddings");
            }
            form.bf16Conv = ScriptLibrary.function(Bf16Scripts.headConv(form.relu, (int) s.get(0), (int) p.get(0)));
        }
        return form;
    }

    /** The form of {@code head} for feature maps of {@code h}×{@code w}; its arrays belong to {@code manager}. */
    static IcHeadInference of(IcHeadBlock head, NDManager manager, int h, int w) {
        int ho = IcHeadBlock.convOut(h);
        int wo = IcHeadBlock.convOut(w);
        int[] hw = SdnPoolBlock.window(ho);
        int[] ww = SdnPoolBlock.window(wo);
        boolean poolIsIdentity = hw[0] == 1 && ww[0] == 1 && hw[1] == 1 && ww[1] == 1;
        int classes = head.numClasses();
        int c = (int) head.conv().getParameters().get("weight").getArray().getShape().get(0);
        float[] lw = head.linear().getParameters().get("weight").getArray().toFloatArray();
        int in = lw.length / classes;
        float a = head.pool().alpha();
        int maxRow = c * SdnPoolBlock.OUT * SdnPoolBlock.OUT;
        int mapRow = c * ho * wo;
        float[] maxW = new float[classes * maxRow];
        float[] mapW = new float[classes * mapRow];
        // an identity pool: a·c + (1−a)·c = c, the whole weight goes to the map
        float perCell = (poolIsIdentity ? 1f : 1f - a) / (hw[0] * ww[0]);
        for (int k = 0; k < classes; k++) {
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < SdnPoolBlock.OUT; i++) {
                    for (int j = 0; j < SdnPoolBlock.OUT; j++) {
                        float wt = lw[k * in + (ch * SdnPoolBlock.OUT + i) * SdnPoolBlock.OUT + j]; // the block flattens C×4×4
                        maxW[k * maxRow + (i * SdnPoolBlock.OUT + j) * c + ch] = a * wt;
                        // every cell of the average window (i, j) carries its share of the weight
                        for (int y = i * hw[1]; y < i * hw[1] + hw[0]; y++) {
                            for (int x = j * ww[1]; x < j * ww[1] + ww[0]; x++) {
                                mapW[k * mapRow + (y * wo + x) * c + ch] += perCell * wt;
                            }
                        }
                    }
                }
            }
        }
        List<NDArray> made = new ArrayList<>();
        NDArray cascadeW = null;
        NDArray gamma = null;
        NDArray beta = null;
        LayerNorm norm = head.cascadeNorm();
        if (norm != null) {
            float[] cw = new float[classes * classes];
            for (int k = 0; k < classes; k++) {
                System.arraycopy(lw, k * in + maxRow, cw, k * classes, classes); // the cascade input's columns come last
            }
            cascadeW = keep(made, manager.create(cw, new Shape(classes, classes)));
            gamma = keep(made, snapshot(norm.getParameters().get("gamma").getArray(), manager));
            beta = keep(made, snapshot(norm.getParameters().get("beta").getArray(), manager));
        }
        IcHeadInference form = new IcHeadInference(!head.inputNonNegative(),
                keep(made, snapshot(head.conv().getParameters().get("weight").getArray(), manager)),
                keep(made, snapshot(head.conv().getParameters().get("bias").getArray(), manager)),
                head.conv().getStride(), head.conv().getPadding(), new Shape(hw[0], ww[0]), new Shape(hw[1], ww[1]),
                poolIsIdentity ? null : keep(made, manager.create(maxW, new Shape(classes, maxRow))),
                keep(made, manager.create(mapW, new Shape(classes, mapRow))),
                keep(made, snapshot(head.linear().getParameters().get("bias").getArray(), manager)),
                cascadeW, gamma, beta);
        // the form outlives any scope open now: its arrays belong to the manager alone
        made.forEach(NDScope::unregister);
        return form;
    }

    private static NDArray keep(List<NDArray> made, NDArray a) {
        made.add(a);
        return a;
    }

    /** A copy of a parameter's values: no gradient graph, unaffected by later training. */
    private static NDArray snapshot(NDArray parameter, NDManager manager) {
        return manager.create(parameter.toFloatArray(), parameter.getShape());
    }

    /** Logits (N×classes) from {@code features}; {@code previous} is the cascade input, ignored without one. */
    public NDArray logits(NDArray features, NDArray previous) {
        NDArray out = featureLogits(features);
        if (cascadeWeight != null) {
            NDArray normed = LayerNorm.layerNorm(previous, new Shape(previous.getShape().get(1)), cascadeGamma,
                    cascadeBeta, IcHeadBlock.CASCADE_NORM_EPSILON).singletonOrThrow();
            out.addi(Linear.linear(normed, cascadeWeight).singletonOrThrow());
        }
        return out;
    }

    /** The logits from {@code features} alone: without the cascade term, which {@link #addCascade} adds. */
    public NDArray featureLogits(NDArray features) {
        NDArray c;
        if (bf16Conv != null) {
            c = bf16Conv.call(features, convWeight, convBias);
        } else {
            NDArray x = relu ? Activation.relu(features) : features;
            c = Conv2d.conv2d(x, convWeight, convBias, convStride, convPadding, NO_DILATION, 1).singletonOrThrow();
        }
        NDArray out = Linear.linear(flatHwc(c), mapWeight, bias).singletonOrThrow();
        if (maxWeight != null) {
            NDArray max = Pool.maxPool2d(c, poolKernel, poolStride, new Shape(0, 0), false);
            out.addi(Linear.linear(flatHwc(max), maxWeight).singletonOrThrow());
        }
        return out;
    }

    public boolean hasCascade() {
        return cascadeWeightValues != null;
    }

    /**
     * Adds the cascade term of one sample, {@code W_c · LayerNorm(previous)}, to its logits at
     * {@code logits[at..at+classes)}: a few hundred multiply-adds, cheaper in Java than the native calls that
     * would gather the previous logits of a compacted batch.
     */
    public void addCascade(float[] previous, float[] logits, int at) {
        int classes = previous.length;
        double mean = 0;
        for (float v : previous) {
            mean += v;
        }
        mean /= classes;
        double var = 0;
        for (float v : previous) {
            var += (v - mean) * (v - mean);
        }
        double inv = 1 / Math.sqrt(var / classes + IcHeadBlock.CASCADE_NORM_EPSILON); // biased variance, as LayerNorm
        double[] normed = new double[classes];
        for (int m = 0; m < classes; m++) {
            normed[m] = (previous[m] - mean) * inv * cascadeGammaValues[m] + cascadeBetaValues[m];
        }
        for (int k = 0; k < classes; k++) {
            double sum = 0;
            for (int m = 0; m < classes; m++) {
                sum += cascadeWeightValues[k * classes + m] * normed[m];
            }
            logits[at + k] += (float) sum;
        }
    }

    /** N×C×H×W flattened in H×W×C order: a view when the array is channels-last, as the backbone's maps are. */
    private static NDArray flatHwc(NDArray a) {
        return a.transpose(0, 2, 3, 1).reshape(a.getShape().get(0), -1);
    }
}
