package io.zerowaste.glimpse.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.io.AtomicFiles;
import io.zerowaste.core.io.Json;
import io.zerowaste.nn.bundle.ModelBundle;
import io.zerowaste.nn.train.Optimizer;
import io.zerowaste.nn.train.TrainingHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The glimpse trainer's checkpoint in {@code RUN_DIR/checkpoint/}, replaced atomically after every validation
 * round: the current parameters and optimizer state (to go on exactly), the best round's parameters (early
 * stopping keeps them) and the history. Same layout and checks as {@code nn.train.Checkpoints}, plus the best
 * parameters, which must be swapped in the same atomic step as the rest.
 */
public final class GlimpseCheckpoint {

    public static final String DIR = "checkpoint";
    private static final String STATE = "state.json";
    private static final String PARAMS = "parameters.bin";
    private static final String BEST = "best.bin";
    private static final String OPTIMIZER = "optimizer.bin";
    private static final int FORMAT_VERSION = 1;

    /** {@code state.json}. {@code history} has one entry per validation round; {@code stopped}: early stopping ended the run. */
    public record State(int formatVersion, Map<String, Object> config, TrainingHistory history, int bestRound, boolean stopped,
            String parametersSha256, String bestSha256, String optimizerSha256) {}

    /** What a resumed run continues from. */
    public record Restored(TrainingHistory history, int bestRound, boolean stopped, byte[] bestParameters) {}

    private GlimpseCheckpoint() {}

    public static void write(Path runDir, Map<String, Object> config, TrainingHistory history, int bestRound, boolean stopped,
            byte[] params, byte[] best, byte[] optimizer) {
        State s = new State(FORMAT_VERSION, config, history, bestRound, stopped, ModelBundle.sha256(params), ModelBundle.sha256(best),
                ModelBundle.sha256(optimizer));
        AtomicFiles.writeFolder(runDir.resolve(DIR), tmp -> {
            Files.write(tmp.resolve(PARAMS), params);
            Files.write(tmp.resolve(BEST), best);
            Files.write(tmp.resolve(OPTIMIZER), optimizer);
            Files.writeString(tmp.resolve(STATE), Json.toString(s));
        });
    }

    public static boolean exists(Path runDir) {
        return Files.isRegularFile(runDir.resolve(DIR).resolve(STATE));
    }

    /** Loads the checkpoint's current parameters into {@code model} (already initialised) and the optimizer's state. */
    public static Restored restore(Path runDir, Map<String, Object> config, Block model, Optimizer optimizer, NDManager manager) {
        Path dir = runDir.resolve(DIR);
        AtomicFiles.recoverFolder(dir); // the run may have been killed while it replaced the checkpoint
        if (!exists(runDir)) {
            throw ZeroWasteException.badInput("nothing to resume: " + dir + " has no checkpoint (run without --resume)");
        }
        State s;
        try {
            s = Json.read(dir.resolve(STATE), State.class);
        } catch (RuntimeException e) {
            throw ZeroWasteException.badInput("corrupt checkpoint: " + dir.resolve(STATE) + " cannot be read (train again without --resume)");
        }
        if (s.formatVersion() != FORMAT_VERSION) {
            throw ZeroWasteException.badInput("unsupported checkpoint format version " + s.formatVersion() + " in " + dir
                    + " (this zerowaste reads version " + FORMAT_VERSION + "; train again without --resume)");
        }
        if (s.history() == null || !s.history().isWellFormed() || s.bestRound() < 0 || s.bestRound() >= s.history().epochsDone()) {
            throw ZeroWasteException.badInput("corrupt checkpoint: " + dir.resolve(STATE)
                    + " has no valid training history (train again without --resume)");
        }
        if (!Json.sameJson(s.config(), config)) {
            throw ZeroWasteException.badInput("the checkpoint in " + runDir + " was made with other options " + s.config()
                    + " (resume with the same options, or train into a new --out folder)");
        }
        byte[] params = readChecked(dir.resolve(PARAMS), s.parametersSha256());
        byte[] best = readChecked(dir.resolve(BEST), s.bestSha256());
        byte[] opt = readChecked(dir.resolve(OPTIMIZER), s.optimizerSha256());
        ModelBundle.loadInitialized(model, params, manager, dir);
        try (NDManager tmp = manager.newSubManager()) {
            String mismatch = ModelBundle.layoutMismatch(optimizer.saveState(), opt, tmp);
            if (mismatch != null) {
                throw ZeroWasteException.badInput("corrupt checkpoint: " + dir.resolve(OPTIMIZER) + " does not fit this optimizer ("
                        + mismatch + "; train again without --resume)");
            }
            optimizer.loadState(NDList.decode(tmp, opt));
        }
        return new Restored(s.history(), s.bestRound(), s.stopped(), best);
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
}
