package io.zerowaste.nn.train;

import ai.djl.ndarray.NDManager;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.io.AtomicFiles;
import io.zerowaste.core.io.Json;
import io.zerowaste.nn.bundle.ModelBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The layout every trainer's checkpoint shares, {@code RUN_DIR/checkpoint/}: binary files and a {@code state.json}
 * holding their checksums, the config and the history, replaced in one atomic step; read back with the same checks
 * (format version, history, same config, checksums). {@link Checkpoints} and the glimpse trainer's checkpoint
 * differ only in the files they keep and what their state adds.
 */
public final class CheckpointFolder {

    public static final String DIR = "checkpoint";
    public static final String STATE = "state.json";
    public static final int FORMAT_VERSION = 1;

    /** What every {@code state.json} holds, whatever a trainer adds to it. */
    public interface State {
        int formatVersion();

        Map<String, Object> config();

        TrainingHistory history();

        /** Whether the history (and what a trainer adds to it) can be continued; no get/is prefix, so not in the JSON. */
        default boolean historyValid() {
            return history() != null && history().isWellFormed();
        }
    }

    private CheckpointFolder() {}

    /** Writes {@code files} (name to bytes, in order) and then {@code state} as {@code state.json}, replacing the old checkpoint atomically. */
    public static void write(Path runDir, Map<String, byte[]> files, State state) {
        AtomicFiles.writeFolder(runDir.resolve(DIR), tmp -> {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Files.write(tmp.resolve(f.getKey()), f.getValue());
            }
            Files.writeString(tmp.resolve(STATE), Json.toString(state));
        });
    }

    public static boolean exists(Path runDir) {
        return Files.isRegularFile(runDir.resolve(DIR).resolve(STATE));
    }

    /**
     * Recovers a replacement the run was killed in, then reads {@code state.json} and checks its format version, its
     * history and that it was made with {@code config}.
     */
    public static <S extends State> S readState(Path runDir, Class<S> type, Map<String, Object> config) {
        Path dir = runDir.resolve(DIR);
        AtomicFiles.recoverFolder(dir); // the run may have been killed while it replaced the checkpoint
        if (!exists(runDir)) {
            throw ZeroWasteException.badInput("nothing to resume: " + dir + " has no checkpoint (run without --resume)");
        }
        S s;
        try {
            s = Json.read(dir.resolve(STATE), type);
        } catch (RuntimeException e) { // not JSON, or not this state's JSON: Json.read says which, and where
            String why = e instanceof ZeroWasteException ? e.getMessage() : "cannot read " + dir.resolve(STATE) + ": " + e;
            throw ZeroWasteException.badInput("corrupt checkpoint: " + why + " (train again without --resume)", e);
        }
        if (s.formatVersion() != FORMAT_VERSION) {
            throw ZeroWasteException.badInput("unsupported checkpoint format version " + s.formatVersion() + " in " + dir
                    + " (this zerowaste reads version " + FORMAT_VERSION + "; train again without --resume)");
        }
        if (!s.historyValid()) {
            throw ZeroWasteException.badInput("corrupt checkpoint: " + dir.resolve(STATE)
                    + " has no valid training history (train again without --resume)");
        }
        if (!Json.sameJson(s.config(), config)) {
            throw ZeroWasteException.badInput("the checkpoint in " + runDir + " was made with other options " + s.config()
                    + " (resume with the same options, or train into a new --out folder)");
        }
        return s;
    }

    /** The checkpoint's file {@code name}, refused unless it matches the checksum its state recorded. */
    public static byte[] readChecked(Path runDir, String name, String sha) {
        Path file = runDir.resolve(DIR).resolve(name);
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

    /** Loads {@code bytes} (the checkpoint's file {@code name}) into the optimizer, refusing state that does not fit it. */
    public static void loadOptimizer(Optimizer optimizer, byte[] bytes, NDManager manager, Path runDir, String name) {
        OptimizerStates.load(optimizer, bytes, manager, runDir.resolve(DIR).resolve(name));
    }
}
