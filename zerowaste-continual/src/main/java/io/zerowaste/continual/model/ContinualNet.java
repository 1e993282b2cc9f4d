package io.zerowaste.continual.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.core.data.Normalization;
import io.zerowaste.nn.engine.Precision;
import io.zerowaste.nn.eval.Batches;
import io.zerowaste.nn.model.MixedPrecision;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import io.zerowaste.core.ZeroWasteException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * A feature extractor followed by one linear classifier over every class of the scenario (the "growing"
 * classifier: columns of unseen classes are masked, not absent). Features are what herding, LwF and SEED
 * work on.
 */
public final class ContinualNet extends AbstractBlock {

    private final String name;
    private final Block features;
    private final Block classifier;
    private final int featureSize;
    private final int numClasses;
    private final long featureMacs;
    private final Shape inputShape;

    ContinualNet(String name, Block features, int featureSize, long featureMacs, int numClasses, Shape inputShape) {
        this(name, features, featureSize, featureMacs, Linear.builder().setUnits(numClasses).build(), numClasses, inputShape);
    }

    /**
     * A net over blocks that exist already, e.g. a trained backbone's stages and its own classifier (a model
     * update): {@code classifier} maps the {@code featureSize} features to {@code numClasses} scores.
     */
    public ContinualNet(String name, Block features, int featureSize, long featureMacs, Block classifier, int numClasses,
            Shape inputShape) {
        this.name = name;
        this.features = addChildBlock("features", features);
        this.classifier = addChildBlock("classifier", classifier);
        this.featureSize = featureSize;
        this.numClasses = numClasses;
        this.featureMacs = featureMacs;
        this.inputShape = inputShape;
        setInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 2),
                p -> p.getType() == Parameter.Type.WEIGHT);
    }

    /**
     * The precision every forward pass of this net computes in: fp32 (the default, DJL's own blocks) or bf16
     * (mixed precision: its convolutions and feature layers in scripted bf16 functions, the parameters, the
     * batch norms and the classifier fp32). Returns how many blocks took it.
     */
    public int setPrecision(Precision precision) {
        return MixedPrecision.set(this, precision);
    }

    public String architecture() {
        return name;
    }

    public int numClasses() {
        return numClasses;
    }

    public int featureSize() {
        return featureSize;
    }

    /** Input shape of a batch of one. */
    public Shape inputShape() {
        return inputShape;
    }

    /** Forward multiply-accumulates for one sample (convolutions and linear layers). */
    public long macs() {
        return featureMacs + (long) featureSize * numClasses;
    }

    public NDArray features(ParameterStore ps, NDArray x, boolean training) {
        return features.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    /** Inference-mode features of every image of {@code images}, in order, a batch of 512 at a time. */
    public float[][] featuresOf(ImageSet images, Normalization norm, NDManager manager) {
        BatchAssembler data = new BatchAssembler(images, norm);
        float[][] out = new float[images.size()][];
        ParameterStore ps = new ParameterStore(manager, false);
        for (int from = 0; from < images.size(); from += 512) {
            int to = Math.min(images.size(), from + 512);
            try (NDScope scope = new NDScope()) {
                float[] flat = features(ps, Batches.inOrder(manager, data, from, to), false).toFloatArray();
                for (int i = from; i < to; i++) {
                    out[i] = java.util.Arrays.copyOfRange(flat, (i - from) * featureSize, (i - from + 1) * featureSize);
                }
            }
        }
        return out;
    }

    public NDArray classify(ParameterStore ps, NDArray f, boolean training) {
        return classifier.forward(ps, new NDList(f), training).singletonOrThrow();
    }

    /** Initialises the parameters for this net's input shape. */
    public ContinualNet init(NDManager manager) {
        initialize(manager, DataType.FLOAT32, inputShape);
        return this;
    }

    /** Copies every parameter value of {@code from} (same architecture) into this net, in place. */
    public void copyFrom(ContinualNet from) {
        List<Parameter> src = from.getParameters().values();
        List<Parameter> dst = getParameters().values();
        for (int k = 0; k < dst.size(); k++) {
            src.get(k).getArray().copyTo(dst.get(k).getArray());
        }
    }

    public byte[] parameterBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            saveParameters(new DataOutputStream(out));
        } catch (IOException e) {
            throw ZeroWasteException.failure("cannot serialise the network: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(classify(ps, features(ps, inputs.singletonOrThrow(), training), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), numClasses)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        features.initialize(manager, dataType, inputShapes);
        classifier.initialize(manager, dataType, new Shape(inputShapes[0].get(0), featureSize));
    }
}
