package io.zerowaste.nn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import io.zerowaste.nn.macs.MacCounter;
import io.zerowaste.nn.macs.MacReport;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference backbone (DESIGN §5): stem conv3×3(→16)+BN+ReLU, six basic blocks 16,16 | 32,32 | 64,64
 * (stride 2 at the start of the second and third pair), global average pool, linear. Stage i is basic
 * block i; stage 0 also runs the stem, whose stride follows the input size ({@link StemLayout}): 28×28 and
 * 32×32 inputs keep their resolution, as in DESIGN §5.
 */
public final class ResNet14Block extends AbstractBlock implements StagedBackbone {

    private static final int[][] BLOCKS = {{16, 16, 1}, {16, 16, 1}, {16, 32, 2}, {32, 32, 1}, {32, 64, 2}, {64, 64, 1}};
    private static final int STEM = 16;

    private final ArchitectureSpec spec;
    private final StemLayout stem;
    private final Conv2d stemConv;
    private final BatchNorm2dBlock stemBn;
    private final List<BasicBlock> blocks = new ArrayList<>();
    private final Linear classifier;

    public ResNet14Block(ArchitectureSpec spec) {
        this.spec = spec;
        this.stem = StemLayout.forInput(spec.height(), spec.width());
        stemConv = addChildBlock("stem_conv", Layers.conv(STEM, 3, stem.convStride(), 1));
        stemBn = addChildBlock("stem_bn", Layers.batchNorm());
        int in = STEM;
        for (int i = 0; i < BLOCKS.length; i++) {
            if (BLOCKS[i][0] != in) {
                throw new IllegalStateException("block table is inconsistent");
            }
            blocks.add(addChildBlock("block" + i, new BasicBlock(BLOCKS[i][0], BLOCKS[i][1], BLOCKS[i][2])));
            in = BLOCKS[i][1];
        }
        classifier = addChildBlock("classifier", Linear.builder().setUnits(spec.numClasses()).build());
        // He (Kaiming) normal initialisation, fan-in, for the ReLU network
        setInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 2),
                p -> p.getType() == ai.djl.nn.Parameter.Type.WEIGHT);
    }

    @Override
    public ArchitectureSpec spec() {
        return spec;
    }

    /** Every basic block ends with a ReLU. */
    @Override
    public boolean stageOutputsNonNegative() {
        return true;
    }

    @Override
    public int numStages() {
        return blocks.size();
    }

    @Override
    public NDArray forwardStage(ParameterStore ps, int i, NDArray input, boolean training) {
        NDArray x = input;
        if (i == 0) {
            x = stemConv.forward(ps, new NDList(x), training).singletonOrThrow();
            x = Activation.relu(stemBn.forward(ps, new NDList(x), training).singletonOrThrow());
            x = pool(x);
        }
        return blocks.get(i).forward(ps, new NDList(x), training).singletonOrThrow();
    }

    @Override
    public NDArray classify(ParameterStore ps, NDArray features, boolean training) {
        NDArray pooled = Pool.globalAvgPool2d(features);
        return classifier.forward(ps, new NDList(pooled), training).singletonOrThrow();
    }

    /**
     * The inference form: every batch norm folded into the convolution before it (see {@link FoldedConv}),
     * and the feature maps in channels-last memory order (see {@link ChannelsLast}): both make libtorch's CPU
     * kernels do less work per batch (figures in docs/PERFORMANCE.md, from bench exits).
     */
    @Override
    public InferenceStages inferenceStages(NDManager manager) {
        FoldedConv foldedStem = FoldedConv.of(stemConv, stemBn, manager);
        List<BasicBlock.Folded> folded = new ArrayList<>();
        for (BasicBlock b : blocks) {
            folded.add(b.fold(manager));
        }
        NDArray classifierWeight = snapshot(classifier.getParameters().get("weight").getArray(), manager);
        NDArray classifierBias = snapshot(classifier.getParameters().get("bias").getArray(), manager);
        return new InferenceStages() {
            @Override
            public int numStages() {
                return folded.size();
            }

            @Override
            public NDArray runStage(int i, NDArray input) {
                NDArray x = i == 0 ? pool(Activation.relu(foldedStem.apply(ChannelsLast.of(input)))) : input;
                return folded.get(i).apply(x);
            }

            @Override
            public NDArray classify(NDArray features) {
                return Linear.linear(Pool.globalAvgPool2d(features), classifierWeight, classifierBias).singletonOrThrow();
            }
        };
    }

    /** The stem's max pool when the input is large enough to have one. */
    private NDArray pool(NDArray x) {
        return stem.maxPool() ? Pool.maxPool2d(x, new Shape(3, 3), new Shape(2, 2), new Shape(1, 1), false) : x;
    }

    public StemLayout stem() {
        return stem;
    }

    /** A detached copy of a parameter, owned by {@code manager}. */
    private static NDArray snapshot(NDArray parameter, NDManager manager) {
        try (NDScope scope = new NDScope()) {
            NDArray copy = parameter.duplicate().stopGradient();
            NDScope.unregister(copy);
            copy.attach(manager);
            return copy;
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        for (int i = 0; i < numStages(); i++) {
            x = forwardStage(ps, i, x, training);
        }
        return new NDList(classify(ps, x, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), spec.numClasses())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        stemConv.initialize(manager, dataType, s);
        s = stemConv.getOutputShapes(new Shape[] {s})[0];
        stemBn.initialize(manager, dataType, s);
        s = new Shape(s.get(0), s.get(1), stem.out(spec.height()), stem.out(spec.width()));
        for (BasicBlock b : blocks) {
            b.initialize(manager, dataType, s);
            s = b.getOutputShapes(new Shape[] {s})[0];
        }
        classifier.initialize(manager, dataType, new Shape(s.get(0), s.get(1)));
    }

    @Override
    public int[] stageOutputShape(int i) {
        int h = stem.out(spec.height());
        int w = stem.out(spec.width());
        for (int k = 0; k <= i; k++) {
            h = MacCounter.convOut(h, 3, blocks.get(k).stride(), 1);
            w = MacCounter.convOut(w, 3, blocks.get(k).stride(), 1);
        }
        return new int[] {blocks.get(i).outChannels(), h, w};
    }

    @Override
    public MacReport macs() {
        List<Long> stages = new ArrayList<>();
        long stemMacs = MacCounter.conv(spec.channels(), STEM, 3, stem.convOut(spec.height()), stem.convOut(spec.width()));
        int h = stem.out(spec.height());
        int w = stem.out(spec.width());
        for (int i = 0; i < blocks.size(); i++) {
            long m = blocks.get(i).macs(h, w) + (i == 0 ? stemMacs : 0);
            stages.add(m);
            h = MacCounter.convOut(h, 3, blocks.get(i).stride(), 1);
            w = MacCounter.convOut(w, 3, blocks.get(i).stride(), 1);
        }
        long cls = MacCounter.linear(blocks.get(blocks.size() - 1).outChannels(), spec.numClasses());
        return new MacReport(stages, cls, stem.maxPool()
                ? List.of("batch norm", "relu", "stem max pool", "residual add", "global average pool")
                : List.of("batch norm", "relu", "residual add", "global average pool"));
    }
}
