package io.zerowaste.nn.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.nn.bundle.ModelBundle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Epoch checkpoints in {@code RUN_DIR/checkpoint/}: parameters, optimizer state and the run's history,
 * replaced atomically after every epoch so a killed run loses at most the epoch in progress.
 * The folder's layout and checks are {@link CheckpointFolder}'s.
 */
public final class Checkpoints {

    public static final String DIR = CheckpointFolder.DIR;
    private static final String PARAMS = "parameters.bin";
    private static final String OPTIMIZER = "optimizer.bin";

    /** {@code state.json}: the config it was made with, and the history so far. */
    public record State(int formatVersion, Map<String, Object> config, TrainingHistory history, String parametersSha256,
            String optimizerSha256) implements CheckpointFolder.State {}

    private Checkpoints() {}

    /** A hook that writes the checkpoint at the end of every epoch. */
    public static TrainingHook hook(Path runDir, Map<String, Object> config) {
        return new TrainingHook() {
            @Override
            public void onEpochEnd(EpochEvent e) {
                write(runDir, config, e.history(), e.state());
            }
        };
    }

    public static void write(Path runDir, Map<String, Object> config, TrainingHistory history, TrainingState state) {
        byte[] params = bytes(state::writeParameters);
        byte[] opt = bytes(state::writeOptimizerState);
        State s = new State(CheckpointFolder.FORMAT_VERSION, config, history, ModelBundle.sha256(params), ModelBundle.sha256(opt));
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(PARAMS, params);
        files.put(OPTIMIZER, opt);
        CheckpointFolder.write(runDir, files, s);
    }

    public static boolean exists(Path runDir) {
        return CheckpointFolder.exists(runDir);
    }

    /**
     * Loads the checkpoint into {@code model} and {@code optimizer} and returns the history to continue
     * from. The checkpoint must have been made with the same config.
     */
    public static TrainingHistory restore(Path runDir, Map<String, Object> config, Block model, Shape inputShape,
            Optimizer optimizer, NDManager manager) {
        State s = CheckpointFolder.readState(runDir, State.class, config);
        byte[] params = CheckpointFolder.readChecked(runDir, PARAMS, s.parametersSha256());
        byte[] opt = CheckpointFolder.readChecked(runDir, OPTIMIZER, s.optimizerSha256());
        ModelBundle.load(model, params, manager, inputShape, runDir.resolve(DIR));
        CheckpointFolder.loadOptimizer(optimizer, opt, manager, runDir, OPTIMIZER);
        return s.history();
    }

    private interface Writer {
        void write(java.io.OutputStream out) throws IOException;
    }

    private static byte[] bytes(Writer w) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            w.write(out);
        } catch (IOException e) {
            throw ZeroWasteException.failure("cannot serialise the checkpoint: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
