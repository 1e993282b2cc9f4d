package io.zerowaste.glimpse.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import io.zerowaste.glimpse.geometry.GlimpseGrid;
import io.zerowaste.nn.engine.Precision;
import io.zerowaste.nn.model.MixedLinear;
import io.zerowaste.nn.model.MixedPrecision;
import java.util.ArrayList;
import java.util.List;

/**
 * The MAE-style partial-input vision transformer (issue 23). The <b>encoder</b> runs on the seen patches only:
 * each seen patch is linearly embedded, its learned position embedding added, a CLS token prepended, and
 * {@code depth} pre-norm attention layers follow, so its compute grows with what was seen, not with the image.
 * The class logits come from the encoder's CLS token. The <b>decoder</b> projects the encoder's tokens to its
 * own width, puts a learned mask token at every unseen patch, adds its own position embedding and runs
 * {@code decoderDepth} attention layers over all patches; a linear layer reconstructs every patch's pixels. The
 * decoder's last attention layer is what AME's entropy reads.
 *
 * <p>A batch whose samples saw different numbers of patches runs as one tensor: each sample's seen patches are
 * gathered into slots 1..L (slot 0 is CLS), padded to the batch's largest L, and padding slots are masked out
 * of every attention row.
 *
 * <p>{@link #setPrecision} bf16 is mixed precision: the patch embedding, every attention layer's linear layers
 * and attention products, the decoder embedding and the reconstruction compute in bf16 through scripted
 * functions. The parameters, layer norms, softmax, the classifier (so the logits are never rounded to bf16),
 * the losses and the entropy AME reads stay fp32.
 */
public final class GlimpseModel extends AbstractBlock {

    private static final float PAD_BIAS = -1e9f;

    private final GlimpseGrid grid;
    private final int channels;
    private final int width;
    private final int depth;
    private final int decoderDepth;
    private final int heads;
    private final int numClasses;
    private final int mlp;
    private final MixedLinear embed;
    private final Parameter clsToken;
    private final Parameter position;
    private final List<AttentionLayer> encoder = new ArrayList<>();
    private final TokenLayerNorm encoderNorm;
    private final Linear classifier;
    private final MixedLinear decoderEmbed;
    private final Parameter maskToken;
    private final Parameter decoderPosition;
    private final List<AttentionLayer> decoder = new ArrayList<>();
    private final TokenLayerNorm decoderNorm;
    private final MixedLinear reconstruct;

    /** What one pass produced. {@code reconstruction} and {@code entropy} are null when the decoder did not run. */
    public record Output(NDArray logits, NDArray reconstruction, NDArray entropy) {}

    public GlimpseModel(GlimpseGrid grid, int channels, int width, int depth, int decoderDepth, int heads, int numClasses) {
        this.grid = grid;
        this.channels = channels;
        this.width = width;
        this.depth = depth;
        this.decoderDepth = decoderDepth;
        this.heads = heads;
        this.numClasses = numClasses;
        this.mlp = 4 * width;
        embed = addChildBlock("embed", new MixedLinear(width));
        clsToken = addParameter(token("cls_token", new Shape(1, 1, width)));
        position = addParameter(token("position", new Shape(1, grid.patches(), width)));
        for (int i = 0; i < depth; i++) {
            encoder.add(addChildBlock("layer" + i, new AttentionLayer(width, heads, mlp)));
        }
        encoderNorm = addChildBlock("norm", new TokenLayerNorm(width));
        classifier = addChildBlock("classifier", Linear.builder().setUnits(numClasses).build());
        decoderEmbed = addChildBlock("decoder_embed", new MixedLinear(width));
        maskToken = addParameter(token("mask_token", new Shape(1, 1, width)));
        decoderPosition = addParameter(token("decoder_position", new Shape(1, grid.patches() + 1, width)));
        for (int i = 0; i < decoderDepth; i++) {
            decoder.add(addChildBlock("decoder_layer" + i, new AttentionLayer(width, heads, mlp)));
        }
        decoderNorm = addChildBlock("decoder_norm", new TokenLayerNorm(width));
        reconstruct = addChildBlock("reconstruct", new MixedLinear(patchValues()));
    }

    private static Parameter token(String name, Shape shape) {
        return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optInitializer(new NormalInitializer(0.02f))
                .optShape(shape).build();
    }

    /** fp32 (the default: DJL's own layers, the path of before) or bf16; returns how many blocks took it. */
    public int setPrecision(Precision precision) {
        return MixedPrecision.set(this, precision);
    }

    public GlimpseGrid grid() {
        return grid;
    }

    public int channels() {
        return channels;
    }

    public int heads() {
        return heads;
    }

    /** Values per patch: channels × patch². */
    public int patchValues() {
        return channels * grid.patchPixels();
    }

    /**
     * One pass on what each sample saw. {@code patches}: N × P × values; {@code seen}: per sample, the patches
     * revealed. With {@code decode} false only the encoder and classifier run (what classification alone costs).
     */
    public Output run(ParameterStore ps, NDArray patches, boolean[][] seen, boolean training, boolean decode) {
        SeenLayout layout = SeenLayout.of(seen, grid.patches());
        NDManager m = patches.getManager();
        NDArray gatherIdx = m.create(layout.encoderIndex(), new Shape(layout.batch(), layout.slots(), 1));
        NDArray bias = m.create(layout.keyBias(PAD_BIAS), new Shape(layout.batch(), 1, 1, layout.slots() + 1));
        NDArray latent = encode(ps, patches, gatherIdx, bias, training);
        NDArray cls = encoderNorm.forward(ps, new NDList(latent.get(new NDIndex(":, 0, :"))), training).singletonOrThrow();
        NDArray logits = classifier.forward(ps, new NDList(cls), training).singletonOrThrow();
        if (!decode) {
            return new Output(logits, null, null);
        }
        NDArray decodeIdx = m.create(layout.decoderIndex(), new Shape(layout.batch(), grid.patches() + 1, 1));
        NDList d = decode(ps, latent, decodeIdx, training);
        return new Output(logits, d.get(0), entropyPerPatch(d.get(1)));
    }

    /** The encoder's tokens N × (1+L) × D: CLS, then the gathered seen patches (padding slots are masked). */
    NDArray encode(ParameterStore ps, NDArray patches, NDArray gatherIdx, NDArray bias, boolean training) {
        long n = patches.getShape().get(0);
        long l = gatherIdx.getShape().get(1);
        NDArray seenPatches = patches.gather(gatherIdx.broadcast(new Shape(n, l, patchValues())), 1);
        NDArray pos = ps.getValue(position, patches.getDevice(), training).broadcast(new Shape(n, grid.patches(), width))
                .gather(gatherIdx.broadcast(new Shape(n, l, width)), 1);
        NDArray tokens = embed.forward(ps, new NDList(seenPatches), training).singletonOrThrow().add(pos);
        NDArray cls = ps.getValue(clsToken, patches.getDevice(), training).broadcast(new Shape(n, 1, width));
        NDArray x = cls.concat(tokens, 1);
        for (AttentionLayer layer : encoder) {
            x = layer.forward(ps, new NDList(x, bias), training).get(0);
        }
        return x;
    }

    /**
     * The decoder: {reconstruction N × P × values, last layer's attention N × H × (P+1) × (P+1)}. {@code decodeIdx}
     * (N × (P+1) × 1) names, for CLS and every patch, its encoder slot, or slot 1+L (the mask token) when unseen.
     */
    NDList decode(ParameterStore ps, NDArray latent, NDArray decodeIdx, boolean training) {
        long n = latent.getShape().get(0);
        long p1 = grid.patches() + 1L;
        NDArray y = decoderEmbed.forward(ps, new NDList(latent), training).singletonOrThrow();
        NDArray mask = ps.getValue(maskToken, latent.getDevice(), training).broadcast(new Shape(n, 1, width));
        NDArray full = y.concat(mask, 1).gather(decodeIdx.broadcast(new Shape(n, p1, width)), 1);
        NDArray x = full.add(ps.getValue(decoderPosition, latent.getDevice(), training));
        NDArray attn = null;
        for (AttentionLayer layer : decoder) {
            NDList out = layer.forward(ps, new NDList(x), training);
            x = out.get(0);
            attn = out.get(1);
        }
        x = decoderNorm.forward(ps, new NDList(x), training).singletonOrThrow();
        NDArray rec = reconstruct.forward(ps, new NDList(x.get(new NDIndex(":, 1:, :"))), training).singletonOrThrow();
        return new NDList(rec, attn);
    }

    /**
     * AME's uncertainty: for every patch token, the entropy of its attention row over the patch tokens (CLS row
     * and column left out, as in AME), summed over heads: N × P. No gradient flows through it. The policy zeroes
     * the seen patches.
     */
    public static NDArray entropyPerPatch(NDArray attention) {
        NDArray a = attention.stopGradient().get(new NDIndex(":, :, 1:, 1:"));
        return a.mul(a.clip(1e-30f, 1f).log()).sum(new int[] {1, 3}).neg();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray patches = inputs.get(0);
        boolean[][] all = new boolean[(int) patches.getShape().get(0)][grid.patches()];
        for (boolean[] row : all) {
            java.util.Arrays.fill(row, true);
        }
        Output o = run(ps, patches, all, training, true);
        return new NDList(o.logits(), o.reconstruction());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long n = inputShapes[0].get(0);
        return new Shape[] {new Shape(n, numClasses), new Shape(n, grid.patches(), patchValues())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape tokens = new Shape(1, grid.patches() + 1, width);
        embed.initialize(manager, dataType, new Shape(1, grid.patches(), patchValues()));
        for (AttentionLayer layer : encoder) {
            layer.initialize(manager, dataType, tokens);
        }
        encoderNorm.initialize(manager, dataType, new Shape(1, width));
        classifier.initialize(manager, dataType, new Shape(1, width));
        decoderEmbed.initialize(manager, dataType, tokens);
        for (AttentionLayer layer : decoder) {
            layer.initialize(manager, dataType, tokens);
        }
        decoderNorm.initialize(manager, dataType, tokens);
        reconstruct.initialize(manager, dataType, new Shape(1, grid.patches(), width));
    }

    /** Input shapes for a batch of one: the patches. */
    public Shape[] inputShapes() {
        return new Shape[] {new Shape(1, grid.patches(), patchValues())};
    }

    /**
     * Multiply-accumulates of the encoder and classifier for one image with {@code seenPatches} patches seen
     * (distinct): patch embedding, per layer the QKV and output projections, the two attention products and the
     * MLP, then the classifier. Layer norms, softmax and GELU are not counted.
     */
    public long encoderMacs(int seenPatches) {
        long l = seenPatches + 1L;
        long perLayer = 4L * l * width * width + 2L * l * l * width + 2L * l * width * mlp;
        return (long) seenPatches * patchValues() * width + depth * perLayer + (long) width * numClasses;
    }

    /** Multiply-accumulates of the decoder for one image (independent of what was seen). */
    public long decoderMacs() {
        long l = grid.patches() + 1L;
        long perLayer = 4L * l * width * width + 2L * l * l * width + 2L * l * width * mlp;
        return l * width * width + decoderDepth * perLayer + (long) grid.patches() * width * patchValues();
    }
}
