package io.zerowaste.glimpse.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import io.zerowaste.glimpse.geometry.GlimpseGrid;
import java.util.ArrayList;
import java.util.List;

/**
 * The partial-input vision transformer of DESIGN §8. Inputs: patches (N × P × p²) and a seen mask (N × P, 1
 * seen / 0 unseen). Each seen patch is linearly embedded; each unseen one is replaced by a learned mask token;
 * a learned position embedding is added; a CLS token is prepended; {@code depth} pre-norm attention layers
 * follow. Outputs: class logits (from CLS), the reconstruction of every patch (a light linear decoder on the
 * patch tokens) and the last layer's attention probabilities (N × heads × (P+1) × (P+1)).
 */
public final class GlimpseModel extends AbstractBlock {

    private final GlimpseGrid grid;
    private final int width;
    private final int heads;
    private final int numClasses;
    private final Linear embed;
    private final Parameter maskToken;
    private final Parameter clsToken;
    private final Parameter position;
    private final List<AttentionLayer> layers = new ArrayList<>();
    private final TokenLayerNorm norm;
    private final Linear classifier;
    private final Linear decoder;

    public GlimpseModel(GlimpseGrid grid, int width, int depth, int heads, int numClasses) {
        this.grid = grid;
        this.width = width;
        this.heads = heads;
        this.numClasses = numClasses;
        embed = addChildBlock("embed", Linear.builder().setUnits(width).build());
        maskToken = addParameter(token("mask_token", new Shape(1, 1, width)));
        clsToken = addParameter(token("cls_token", new Shape(1, 1, width)));
        position = addParameter(token("position", new Shape(1, grid.patches() + 1, width)));
        for (int i = 0; i < depth; i++) {
            layers.add(addChildBlock("layer" + i, new AttentionLayer(width, heads, 2 * width)));
        }
        norm = addChildBlock("norm", new TokenLayerNorm(width));
        classifier = addChildBlock("classifier", Linear.builder().setUnits(numClasses).build());
        decoder = addChildBlock("decoder", Linear.builder().setUnits(grid.patchPixels()).build());
    }

    private static Parameter token(String name, Shape shape) {
        return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optInitializer(new NormalInitializer(0.02f))
                .optShape(shape).build();
    }

    public GlimpseGrid grid() {
        return grid;
    }

    public int heads() {
        return heads;
    }

    /** One forward pass: {logits N×C, reconstruction N×P×p², attention N×H×(P+1)×(P+1)}. */
    public NDList run(ParameterStore ps, NDArray patches, NDArray seen, boolean training) {
        return forward(ps, new NDList(patches, seen), training);
    }

    /** The tokens entering the first layer: embedded seen patches, the mask token elsewhere (N × P × D). */
    public NDArray inputTokens(ParameterStore ps, NDArray patches, NDArray seen, boolean training) {
        NDArray emb = embed.forward(ps, new NDList(patches), training).singletonOrThrow();
        NDArray s = seen.expandDims(2);
        NDArray mask = ps.getValue(maskToken, patches.getDevice(), training);
        return emb.mul(s).add(mask.mul(s.neg().add(1f)));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray patches = inputs.get(0);
        NDArray seen = inputs.get(1);
        long n = patches.getShape().get(0);
        NDArray tokens = inputTokens(ps, patches, seen, training);
        NDArray cls = ps.getValue(clsToken, patches.getDevice(), training).broadcast(new Shape(n, 1, width));
        NDArray x = cls.concat(tokens, 1).add(ps.getValue(position, patches.getDevice(), training));
        NDArray attn = null;
        for (AttentionLayer layer : layers) {
            NDList out = layer.forward(ps, new NDList(x), training);
            x = out.get(0);
            attn = out.get(1);
        }
        x = norm.forward(ps, new NDList(x), training).singletonOrThrow();
        NDArray logits = classifier.forward(ps, new NDList(x.get(":, 0, :")), training).singletonOrThrow();
        NDArray recon = decoder.forward(ps, new NDList(x.get(":, 1:, :")), training).singletonOrThrow();
        return new NDList(logits, recon, attn);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long n = inputShapes[0].get(0);
        long l = grid.patches() + 1;
        return new Shape[] {new Shape(n, numClasses),
                new Shape(n, grid.patches(), grid.patchPixels()), new Shape(n, heads, l, l)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long n = inputShapes[0].get(0);
        embed.initialize(manager, dataType, inputShapes[0]);
        Shape tokens = new Shape(n, grid.patches() + 1, width);
        for (AttentionLayer layer : layers) {
            layer.initialize(manager, dataType, tokens);
        }
        norm.initialize(manager, dataType, tokens);
        classifier.initialize(manager, dataType, new Shape(n, width));
        decoder.initialize(manager, dataType, new Shape(n, grid.patches(), width));
    }

    /** Input shapes for a batch of one: patches and seen mask. */
    public Shape[] inputShapes() {
        return new Shape[] {new Shape(1, grid.patches(), grid.patchPixels()), new Shape(1, grid.patches())};
    }
}
