package io.zerowaste.nn.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.io.AtomicFiles;
import io.zerowaste.core.io.Json;
import io.zerowaste.nn.bundle.ModelBundle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Epoch checkpoints in {@code RUN_DIR/checkpoint/}: parameters, optimizer state and the run's history,
 * replaced atomically after every epoch so a killed run loses at most the epoch in progress.
 */
public final class Checkpoints {

    public static final String DIR = "checkpoint";
    private static final String STATE = "state.json";
    private static final String PARAMS = "parameters.bin";
    private static final String OPTIMIZER = "optimizer.bin";
    private static final int FORMAT_VERSION = 1;

    /** {@code state.json}: the config it was made with, and the history so far. */
    public record State(int formatVersion, Map<String, Object> config, TrainingHistory history, String parametersSha256,
            String optimizerSha256) {}

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
        State s = new State(FORMAT_VERSION, config, history, ModelBundle.sha256(params), ModelBundle.sha256(opt));
        AtomicFiles.writeFolder(runDir.resolve(DIR), tmp -> {
            Files.write(tmp.resolve(PARAMS), params);
            Files.write(tmp.resolve(OPTIMIZER), opt);
            Files.writeString(tmp.resolve(STATE), Json.toString(s));
        });
    }

    public static boolean exists(Path runDir) {
        return Files.isRegularFile(runDir.resolve(DIR).resolve(STATE));
    }

    /**
     * Loads the checkpoint into {@code model} and {@code optimizer} and returns the history to continue
     * from. The checkpoint must have been made with the same config.
     */
    public static TrainingHistory restore(Path runDir, Map<String, Object> config, Block model, Shape inputShape,
            Optimizer optimizer, NDManager manager) {
        Path dir = runDir.resolve(DIR);
        AtomicFiles.recoverFolder(dir); // the run may have been killed while it replaced the checkpoint
        if (!exists(runDir)) {
            throw ZeroWasteException.badInput("nothing to resume: " + dir + " has no checkpoint (run without --resume)");
        }
        State s = Json.read(dir.resolve(STATE), State.class);
        if (s.formatVersion() != FORMAT_VERSION) {
            throw ZeroWasteException.badInput("unsupported checkpoint format version " + s.formatVersion() + " in " + dir
                    + " (this zerowaste reads version " + FORMAT_VERSION + "; train again without --resume)");
        }
        if (s.history() == null || !s.history().isWellFormed()) {
            throw ZeroWasteException.badInput("corrupt checkpoint: " + dir.resolve(STATE)
                    + " has no valid training history (train again without --resume)");
        }
        if (!Json.sameJson(s.config(), config)) {
            throw ZeroWasteException.badInput("the checkpoint in " + runDir + " was made with other options " + s.config()
                    + " (resume with the same options, or train into a new --out folder)");
        }
        byte[] params = readChecked(dir.resolve(PARAMS), s.parametersSha256());
        byte[] opt = readChecked(dir.resolve(OPTIMIZER), s.optimizerSha256());
        ModelBundle.load(model, params, manager, inputShape, dir);
        OptimizerStates.load(optimizer, opt, manager, dir.resolve(OPTIMIZER));
        return s.history();
    }

    private static byte[] readChecked(Path file, String sha) {
        if (!Files.isRegularFile(file)) {
            throw ZeroWasteException.badInput("corrupt checkpoint: " + file + " is missing (train again without --resume)");
        }
        try {
            byte[] b = Files.readAllBytes(file);
            if (!ModelBundle.sha256(b).equals(sha)) {
                throw ZeroWasteException.badInput("corrupt checkpoint: " + file + " does not match its checksum (train again without --resume)");
            }
            return b;
        } catch (IOException e) {
            throw ZeroWasteException.badInput("cannot read checkpoint file " + file + ": " + e.getMessage());
        }
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
