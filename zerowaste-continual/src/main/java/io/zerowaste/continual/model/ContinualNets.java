package io.zerowaste.continual.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.nn.engine.Precision;
import io.zerowaste.nn.model.ArchitectureSpec;
import io.zerowaste.nn.model.BatchNorm2dBlock;
import io.zerowaste.nn.model.MixedConv2d;
import io.zerowaste.nn.model.MixedLinear;
import io.zerowaste.nn.model.PrecisionAware;
import io.zerowaste.nn.model.ResNet14Block;

/**
 * The networks a continual run can use. {@code cnn} is the default: two conv3×3+BN+ReLU+max-pool stages
 * (32, 64 channels) and a 64-unit feature layer, 4.0 M MACs a sample (a fifth of ResNet-14), fast enough for
 * seven strategies × five experiences on two cores, and ≈ 91 % on Fashion-MNIST when trained jointly.
 * {@code mlp}: C·H·W→256→64 (784→256→64 on Fashion-MNIST), 0.22 M MACs, fastest, weaker. All three take the
 * input's channels and size; the cnn's feature layer reads the (H/4)×(W/4) map, so it grows with the image. {@code resnet14}: the reference backbone's stages
 * with global average pooling (64 features), 20 M MACs.
 *
 * <p>Every convolution and feature layer can compute in bf16 ({@link ContinualNet#setPrecision}); the classifier,
 * whose outputs are the logits, stays fp32.
 */
public final class ContinualNets {

    public static final int FEATURES = 64;

    private ContinualNets() {}

    /** A grey-image network. */
    public static ContinualNet build(String name, int rows, int cols, int numClasses) {
        return build(name, 1, rows, cols, numClasses);
    }

    /** A network for {@code channels}×{@code rows}×{@code cols} images. */
    public static ContinualNet build(String name, int channels, int rows, int cols, int numClasses) {
        Shape input = new Shape(1, channels, rows, cols);
        return switch (name) {
            case "mlp" -> new ContinualNet(name, mlp(), FEATURES, (long) channels * rows * cols * 256 + 256L * FEATURES, numClasses, input);
            case "cnn" -> new ContinualNet(name, cnn(), FEATURES, cnnMacs(channels, rows, cols), numClasses, input);
            case "resnet14" -> {
                ResNet14Block r = new ResNet14Block(new ArchitectureSpec("resnet14", channels, rows, cols, numClasses));
                yield new ContinualNet(name, new ResNetFeatures(r), FEATURES, r.macs().total() - r.macs().classifierMacs(),
                        numClasses, input);
            }
            default -> throw ZeroWasteException.badInput("unknown --backbone '" + name + "' (use mlp, cnn or resnet14)");
        };
    }

    private static SequentialBlock mlp() {
        return new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(new MixedLinear(256))
                .add(Activation::relu)
                .add(new MixedLinear(FEATURES))
                .add(Activation::relu);
    }

    private static SequentialBlock cnn() {
        return new SequentialBlock()
                .add(conv(32)).add(new BatchNorm2dBlock(0.9f, 1e-5f)).add(Activation::relu).add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(conv(64)).add(new BatchNorm2dBlock(0.9f, 1e-5f)).add(Activation::relu).add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(new MixedLinear(FEATURES))
                .add(Activation::relu);
    }

    /** 3×3, padding 1, no bias (the batch norm after it has one); DJL's Conv2d in fp32, scripted in bf16. */
    private static MixedConv2d conv(int filters) {
        return new MixedConv2d(3, filters, 1);
    }

    static long cnnMacs(int rows, int cols) {
        return cnnMacs(1, rows, cols);
    }

    static long cnnMacs(int channels, int rows, int cols) {
        long conv1 = (long) channels * rows * cols * 32 * 9;
        long conv2 = (long) (rows / 2) * (cols / 2) * 64 * 32 * 9;
        long fc = (long) (rows / 4) * (cols / 4) * 64 * FEATURES;
        return conv1 + conv2 + fc;
    }

    /**
     * The ResNet-14 stages and global average pooling; its own classifier is frozen and unused. In bf16 the
     * stages train as {@code train --precision bf16} does (scripted convolutions, channels-last maps).
     */
    private static final class ResNetFeatures extends AbstractBlock implements PrecisionAware {
        private final ResNet14Block net;

        ResNetFeatures(ResNet14Block net) {
            this.net = addChildBlock("resnet", net);
        }

        @Override
        public void setPrecision(Precision p) {
            net.setTrainingPrecision(PrecisionAware.checked(p));
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray h = inputs.singletonOrThrow();
            for (int i = 0; i < net.numStages(); i++) {
                h = net.forwardStage(ps, i, h, training);
            }
            return new NDList(h.mean(new int[] {2, 3}));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {new Shape(inputShapes[0].get(0), FEATURES)};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            net.initialize(manager, dataType, inputShapes);
            net.getChildren().forEach(c -> {
                if (c.getKey().endsWith("classifier")) {
                    c.getValue().freezeParameters(true);
                }
            });
        }
    }
}
