package io.zerowaste.nn.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.zerowaste.core.config.TrainConfig;
import java.util.List;

/**
 * Updates trainable parameters from their gradients and zeroes the gradients. Unlike DJL's optimizers its
 * state (momentum, Adam moments, step count) can be saved and restored, so a resumed run is exact.
 */
public interface Optimizer extends AutoCloseable {

    /** One update of every parameter at learning rate {@code lr}; gradients are zeroed afterwards. */
    void step(float lr);

    /** The state to checkpoint. */
    NDList saveState();

    /** Restores what {@link #saveState()} returned. */
    void loadState(NDList state);

    @Override
    void close();

    static Optimizer create(TrainConfig config, List<Parameter> params, NDManager manager) {
        if (TrainConfig.ADAM.equals(config.optimizer())) {
            return new AdamOptimizer(params, manager, 0.9f, 0.999f, 1e-8f, (float) config.weightDecay());
        }
        return new SgdOptimizer(params, manager, (float) config.momentum(), (float) config.weightDecay());
    }
}
