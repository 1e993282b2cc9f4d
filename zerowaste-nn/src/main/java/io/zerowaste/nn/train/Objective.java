package io.zerowaste.nn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.nn.eval.Evaluator;
import ai.djl.ndarray.NDManager;

/**
 * What the training loop minimises and how it scores an epoch on validation data. The default is a
 * classifier's cross-entropy and accuracy; early-exit heads sum the loss over every head.
 */
public interface Objective {

    /** The loss of one batch, computed inside the loop's gradient collector. */
    NDArray loss(ParameterStore ps, NDArray x, NDArray y);

    /** The score reported after each epoch (higher is better), e.g. validation accuracy. */
    double validate(NDManager manager, BatchAssembler validation);

    /** Cross-entropy of {@code model}'s logits; validation accuracy. */
    static Objective classifier(Block model) {
        return new Objective() {
            @Override
            public NDArray loss(ParameterStore ps, NDArray x, NDArray y) {
                return Losses.crossEntropy(model.forward(ps, new ai.djl.ndarray.NDList(x), true).singletonOrThrow(), y);
            }

            @Override
            public double validate(NDManager manager, BatchAssembler validation) {
                return Evaluator.accuracy(model, manager, validation);
            }
        };
    }
}
