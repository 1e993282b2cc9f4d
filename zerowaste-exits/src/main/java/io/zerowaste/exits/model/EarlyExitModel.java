package io.zerowaste.exits.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.zerowaste.exits.head.IcHeadBlock;
import io.zerowaste.exits.head.IcHeadInference;
import io.zerowaste.exits.ztw.GeometricEnsembleBlock;
import io.zerowaste.nn.macs.MacReport;
import io.zerowaste.nn.engine.Precision;
import io.zerowaste.nn.model.InferenceStages;
import io.zerowaste.nn.model.StagedBackbone;
import java.util.ArrayList;
import java.util.List;

/**
 * A staged backbone with an internal classifier after every stage but the last (whose exit is the
 * backbone's own classifier), optionally with cascade inputs and ZTW ensembles. The backbone is always run
 * in inference mode: its weights and BN statistics stay as trained.
 */
public final class EarlyExitModel extends AbstractBlock {

    private final StagedBackbone backbone;
    private final List<IcHeadBlock> heads = new ArrayList<>();
    private final GeometricEnsembleBlock ensemble;
    private final boolean cascade;
    private InferenceStages inference;
    private List<IcHeadInference> headForms;
    private NDManager headFormsManager;
    private NDManager inferenceManager;
    private Precision precision = Precision.FP32;

    public EarlyExitModel(StagedBackbone backbone, boolean cascade, boolean withEnsemble) {
        this.backbone = addChildBlock("backbone", backbone);
        this.cascade = cascade;
        int classes = backbone.spec().numClasses();
        for (int i = 0; i < backbone.numStages() - 1; i++) {
            heads.add(addChildBlock("head" + i, new IcHeadBlock(backbone.stageOutputShape(i)[0], classes, cascade && i > 0,
                    backbone.stageOutputsNonNegative())));
        }
        ensemble = withEnsemble ? addChildBlock("ensemble", new GeometricEnsembleBlock(heads.size(), classes)) : null;
    }

    public StagedBackbone backbone() {
        return backbone;
    }

    /**
     * The frozen backbone's inference form (batch norms folded into the convolutions), made on first use and
     * kept: the backbone never trains inside this model, so the snapshot stays valid. Every forward pass of
     * the model runs it, so the offline sweep and the dynamic predictor see the same backbone outputs.
     */
    public synchronized InferenceStages backboneInference() {
        if (inference == null) {
            NDManager owner = backbone.getParameters().valueAt(0).getArray().getManager();
            if (precision == Precision.FP32) {
                inference = backbone.inferenceStages(owner);
            } else {
                inferenceManager = owner.newSubManager();
                inference = backbone.inferenceStages(inferenceManager, precision);
            }
        }
        return inference;
    }

    /**
     * The precision (fp32 or bf16) every inference pass of this model computes in from now on: the backbone's
     * and the heads' inference forms are made again in it. fp32 is the default and the exact path of before.
     */
    public synchronized void setPrecision(Precision p) {
        if (p == Precision.AUTO) {
            throw new IllegalArgumentException("resolve auto first (Precision.resolve)");
        }
        if (p != precision) {
            precision = p;
            inference = null;
            if (inferenceManager != null) {
                inferenceManager.close();
                inferenceManager = null;
            }
            dropHeadsInference();
        }
    }

    public synchronized Precision precision() {
        return precision;
    }

    /**
     * The heads' inference forms ({@link IcHeadInference}), made on first use and kept until a training
     * forward pass ({@code forwardExits(…, true)}) drops them: after training, the next inference pass makes
     * them again from the new weights. The offline sweep and the dynamic predictor both run them, so they see
     * the same head outputs.
     */
    public synchronized List<IcHeadInference> headsInference() {
        if (headForms == null) {
            headFormsManager = backbone.getParameters().valueAt(0).getArray().getManager().newSubManager();
            List<IcHeadInference> forms = new ArrayList<>();
            for (int i = 0; i < heads.size(); i++) {
                int[] s = backbone.stageOutputShape(i);
                forms.add(heads.get(i).inferenceForm(headFormsManager, s[1], s[2], precision));
            }
            headForms = List.copyOf(forms);
        }
        return headForms;
    }

    private synchronized void dropHeadsInference() {
        if (headFormsManager != null) {
            headFormsManager.close();
            headFormsManager = null;
            headForms = null;
        }
    }

    public int numHeads() {
        return heads.size();
    }

    /** Internal classifiers plus the final classifier. */
    public int numExits() {
        return heads.size() + 1;
    }

    public IcHeadBlock head(int i) {
        return heads.get(i);
    }

    public GeometricEnsembleBlock ensemble() {
        return ensemble;
    }

    public boolean cascade() {
        return cascade;
    }

    /** Freezes the backbone so that only heads (and the ensemble) train. */
    public void freezeBackbone() {
        backbone.freezeParameters(true);
    }

    /** Freezes the heads, for the ensemble's stage of ZTW training. */
    public void freezeHeads() {
        heads.forEach(h -> h.freezeParameters(true));
    }

    /**
     * Raw logits of every internal classifier, then the final classifier: N×C each. In training the heads run
     * as blocks (and any inference forms are dropped); otherwise as their inference forms.
     */
    public NDList forwardExits(ParameterStore ps, NDArray x, boolean training) {
        NDList out = new NDList();
        InferenceStages stages = backboneInference();
        if (training) {
            dropHeadsInference();
        }
        List<IcHeadInference> forms = training ? null : headsInference();
        NDArray h = x;
        NDArray previous = null;
        for (int i = 0; i < stages.numStages(); i++) {
            h = stages.runStage(i, h);
            if (i < heads.size()) {
                previous = training ? heads.get(i).forward(ps, h, previous, true) : forms.get(i).logits(h, previous);
                out.add(previous);
            }
        }
        out.add(stages.classify(h));
        return out;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return forwardExits(ps, inputs.singletonOrThrow(), training);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        backbone.initialize(manager, dataType, inputShapes);
        for (int i = 0; i < heads.size(); i++) {
            int[] s = backbone.stageOutputShape(i);
            heads.get(i).initialize(manager, dataType, new Shape(1, s[0], s[1], s[2]));
        }
        if (ensemble != null) {
            ensemble.initialize(manager, dataType, new Shape(1, heads.size(), backbone.spec().numClasses()));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] out = new Shape[numExits()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new Shape(inputShapes[0].get(0), backbone.spec().numClasses());
        }
        return out;
    }

    /** MACs of each head, in order. */
    public long[] headMacs() {
        long[] m = new long[heads.size()];
        for (int i = 0; i < heads.size(); i++) {
            int[] s = backbone.stageOutputShape(i);
            m[i] = heads.get(i).macs(s[1], s[2]);
        }
        return m;
    }

    /**
     * The cost of exiting at each exit as a fraction of the plain backbone: the backbone up to that stage
     * plus every head so far (heads run in order). The final exit pays the whole backbone and every head.
     */
    public double[] exitCostFractions() {
        MacReport macs = backbone.macs();
        long[] hm = headMacs();
        double[] f = new double[numExits()];
        long headsSoFar = 0;
        for (int i = 0; i < hm.length; i++) {
            headsSoFar += hm[i];
            f[i] = (double) (macs.upToStage(i) + headsSoFar) / macs.total();
        }
        f[hm.length] = (double) (macs.total() + headsSoFar) / macs.total();
        return f;
    }
}
