package io.zerowaste.nn.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.nn.engine.Precision;
import io.zerowaste.nn.model.InferenceStages;
import io.zerowaste.nn.model.StagedBackbone;

/** Runs a classifier in inference mode over a whole image set, a batch at a time. */
public final class Evaluator {

    private Evaluator() {}

    /** Predicted class of every image, in order. */
    public static int[] predict(Block model, NDManager manager, BatchAssembler data) {
        return predict(model, manager, data, Precision.FP32);
    }

    /** Predicted class of every image, in order, a staged backbone running its inference form in {@code precision}. */
    public static int[] predict(Block model, NDManager manager, BatchAssembler data, Precision precision) {
        int n = data.images().size();
        int[] out = new int[n];
        ParameterStore ps = new ParameterStore(manager, false);
        // a staged backbone runs in its inference form, a snapshot of this moment's weights made per call
        try (NDManager snapshot = manager.newSubManager()) {
            InferenceStages stages = model instanceof StagedBackbone staged ? staged.inferenceStages(snapshot, precision) : null;
            Batches.inOrder(manager, data, (from, to, x) -> {
                NDArray logits = stages != null ? stages.logits(x) : model.forward(ps, new NDList(x), false).singletonOrThrow();
                long[] pred = logits.argMax(1).toLongArray();
                for (int k = 0; k < pred.length; k++) {
                    out[from + k] = (int) pred[k];
                }
            });
        }
        return out;
    }

    /** Fraction of images whose predicted class equals the label. */
    public static double accuracy(Block model, NDManager manager, BatchAssembler data) {
        return accuracy(predict(model, manager, data), data.images().labels());
    }

    public static double accuracy(int[] predicted, int[] labels) {
        if (labels.length == 0) {
            return Double.NaN;
        }
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] == labels[i]) {
                correct++;
            }
        }
        return (double) correct / labels.length;
    }
}
