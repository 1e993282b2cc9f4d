package io.zerowaste.lifecycle.update;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.zerowaste.continual.model.ContinualNet;
import io.zerowaste.nn.engine.Precision;
import io.zerowaste.nn.model.PrecisionAware;
import io.zerowaste.nn.model.StagedBackbone;

/**
 * A served model's backbone seen as a continual network, so the continual strategies and plugins train it as
 * they train their own nets: features = every stage, then global average pooling (what herding ranks samples
 * by); classifier = the backbone's own classifier. The backbone's classifier starts with global average pooling
 * (ResNet-14's does), so handing it the pooled features as a 1×1 map gives exactly the backbone's logits.
 */
public final class BackboneNet {

    private BackboneNet() {}

    public static ContinualNet of(StagedBackbone backbone) {
        int last = backbone.numStages() - 1;
        int features = backbone.stageOutputShape(last)[0];
        long featureMacs = backbone.macs().total() - backbone.macs().classifierMacs();
        return new ContinualNet(backbone.spec().name(), new Stages(backbone), features, featureMacs, new Classifier(backbone, features),
                backbone.spec().numClasses(), backbone.spec().inputShape());
    }

    /**
     * Every stage of the backbone, then the global average: N × C features. Owns the backbone's parameters. In
     * bf16 the stages train as {@code train --precision bf16} does (scripted convolutions, channels-last maps).
     */
    private static final class Stages extends AbstractBlock implements PrecisionAware {
        private final StagedBackbone backbone;

        Stages(StagedBackbone backbone) {
            this.backbone = addChildBlock("backbone", backbone);
        }

        @Override
        public void setPrecision(Precision p) {
            backbone.setTrainingPrecision(PrecisionAware.checked(p));
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray h = inputs.singletonOrThrow();
            for (int i = 0; i < backbone.numStages(); i++) {
                h = backbone.forwardStage(ps, i, h, training);
            }
            return new NDList(h.reshape(h.getShape().get(0), h.getShape().get(1), -1).mean(new int[] {2}));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {new Shape(inputShapes[0].get(0), backbone.stageOutputShape(backbone.numStages() - 1)[0])};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            backbone.initialize(manager, dataType, inputShapes);
        }
    }

    /** The backbone's classifier on pooled features (no parameters of its own: they belong to {@link Stages}). */
    private static final class Classifier extends AbstractBlock {
        private final StagedBackbone backbone;
        private final int features;

        Classifier(StagedBackbone backbone, int features) {
            this.backbone = backbone;
            this.features = features;
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray f = inputs.singletonOrThrow();
            return new NDList(backbone.classify(ps, f.reshape(f.getShape().get(0), features, 1, 1), training));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {new Shape(inputShapes[0].get(0), backbone.spec().numClasses())};
        }
    }
}
