package io.zerowaste.glimpse.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.zerowaste.nn.engine.Precision;
import io.zerowaste.nn.model.MixedLinear;
import io.zerowaste.nn.model.MixedMatMul;
import io.zerowaste.nn.model.MixedPrecision;
import io.zerowaste.nn.model.PrecisionAware;
import io.zerowaste.nn.train.Scalars;

/**
 * A pre-norm transformer layer: x + MHA(LN(x)), then + MLP(LN(x)) with GELU. Inputs: tokens N × L × D and,
 * optionally, a key bias N × 1 × 1 × L (0 for real tokens, a large negative number for padding, so a batch whose
 * samples saw different numbers of patches runs as one tensor). Returns the new tokens and the attention
 * probabilities (N × heads × L × L), which the entropy policy reads.
 *
 * <p>In bf16 (mixed precision) the four linear layers and the two attention products compute in bf16; the
 * layer norms, the scaling, the key bias, the softmax, GELU and the residual adds stay fp32.
 */
final class AttentionLayer extends AbstractBlock implements PrecisionAware {

    private final int width;
    private final int heads;
    private final int mlp;
    private final TokenLayerNorm norm1;
    private final MixedLinear qkv;
    private final MixedLinear proj;
    private final TokenLayerNorm norm2;
    private final MixedLinear fc1;
    private final MixedLinear fc2;
    private Precision precision = Precision.FP32;

    AttentionLayer(int width, int heads, int mlp) {
        this.width = width;
        this.heads = heads;
        this.mlp = mlp;
        norm1 = addChildBlock("norm1", new TokenLayerNorm(width));
        qkv = addChildBlock("qkv", new MixedLinear(3L * width));
        proj = addChildBlock("proj", new MixedLinear(width));
        norm2 = addChildBlock("norm2", new TokenLayerNorm(width));
        fc1 = addChildBlock("fc1", new MixedLinear(mlp));
        fc2 = addChildBlock("fc2", new MixedLinear(width));
    }

    /** The precision of the attention products; the linear layers take theirs from {@link MixedPrecision#set}. */
    @Override
    public void setPrecision(Precision p) {
        precision = PrecisionAware.checked(p);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        long n = x.getShape().get(0);
        long l = x.getShape().get(1);
        int dh = width / heads;
        NDArray h = norm1.forward(ps, new NDList(x), training).singletonOrThrow();
        NDArray qkvOut = qkv.forward(ps, new NDList(h), training).singletonOrThrow(); // N×L×3D
        NDArray split = qkvOut.reshape(n, l, 3, heads, dh).transpose(2, 0, 3, 1, 4); // 3×N×H×L×dh
        NDArray q = split.get(0);
        NDArray k = split.get(1);
        NDArray v = split.get(2);
        NDArray scores = Scalars.dividedBy(MixedMatMul.apply(precision, q, k.transpose(0, 1, 3, 2)), Math.sqrt(dh));
        if (inputs.size() > 1) {
            scores = scores.add(inputs.get(1));
        }
        NDArray attn = scores.softmax(-1); // N×H×L×L
        NDArray ctx = MixedMatMul.apply(precision, attn, v).transpose(0, 2, 1, 3).reshape(n, l, width);
        NDArray y = x.add(proj.forward(ps, new NDList(ctx), training).singletonOrThrow());
        NDArray m = norm2.forward(ps, new NDList(y), training).singletonOrThrow();
        NDArray mlpOut = fc2.forward(ps, new NDList(Activation.gelu(fc1.forward(ps, new NDList(m), training).singletonOrThrow())), training)
                .singletonOrThrow();
        return new NDList(y.add(mlpOut), attn);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {s, new Shape(s.get(0), heads, s.get(1), s.get(1))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        norm1.initialize(manager, dataType, s);
        qkv.initialize(manager, dataType, s);
        proj.initialize(manager, dataType, s);
        norm2.initialize(manager, dataType, s);
        fc1.initialize(manager, dataType, s);
        fc2.initialize(manager, dataType, new Shape(s.get(0), s.get(1), mlp));
    }
}
