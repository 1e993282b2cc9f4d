package io.zerowaste.nn.train;

import java.io.IOException;
import java.io.OutputStream;

/** What a checkpoint needs from the loop: the model's parameters and the optimizer's state. */
public interface TrainingState {

    void writeParameters(OutputStream out) throws IOException;

    void writeOptimizerState(OutputStream out) throws IOException;
}
