package io.zerowaste.nn.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.zerowaste.core.ZeroWasteException;
import java.nio.file.Path;

/** Restores an optimizer's state from checkpoint bytes, refusing bytes whose arrays differ from its own. */
final class OptimizerStates {

    private OptimizerStates() {}

    static void load(Optimizer optimizer, byte[] bytes, NDManager manager, Path source) {
        try (NDManager tmp = manager.newSubManager()) {
            // NDList.decode allocates the sizes the bytes state: check them against the optimizer's own arrays first
            String mismatch = io.zerowaste.nn.bundle.ModelBundle.layoutMismatch(optimizer.saveState(), bytes, tmp);
            if (mismatch != null) {
                throw ZeroWasteException.badInput("corrupt checkpoint: " + source + " does not fit this optimizer (" + mismatch
                        + "; train again without --resume)");
            }
            optimizer.loadState(NDList.decode(tmp, bytes));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw ZeroWasteException.badInput("corrupt checkpoint: " + source + " does not fit this optimizer (" + e.getMessage()
                    + "; train again without --resume)", e);
        }
    }
}
