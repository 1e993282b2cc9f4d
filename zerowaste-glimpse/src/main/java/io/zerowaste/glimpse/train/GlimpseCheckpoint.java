package io.zerowaste.glimpse.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.zerowaste.nn.bundle.ModelBundle;
import io.zerowaste.nn.train.CheckpointFolder;
import io.zerowaste.nn.train.Optimizer;
import io.zerowaste.nn.train.TrainingHistory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The glimpse trainer's checkpoint in {@code RUN_DIR/checkpoint/}, replaced atomically after every validation
 * round: the current parameters and optimizer state (to go on exactly), the best round's parameters (early
 * stopping keeps them) and the history. Layout and checks are nn's {@link CheckpointFolder}, as for
 * {@code nn.train.Checkpoints}, plus the best parameters, which are swapped in the same atomic step as the rest.
 */
public final class GlimpseCheckpoint {

    public static final String DIR = CheckpointFolder.DIR;
    private static final String PARAMS = "parameters.bin";
    private static final String BEST = "best.bin";
    private static final String OPTIMIZER = "optimizer.bin";

    /** {@code state.json}. {@code history} has one entry per validation round; {@code stopped}: early stopping ended the run. */
    public record State(int formatVersion, Map<String, Object> config, TrainingHistory history, int bestRound, boolean stopped,
            String parametersSha256, String bestSha256, String optimizerSha256) implements CheckpointFolder.State {

        /** The best round must be one of the history's. */
        @Override
        public boolean historyValid() {
            return CheckpointFolder.State.super.historyValid() && bestRound >= 0 && bestRound < history.epochsDone();
        }
    }

    /** What a resumed run continues from. */
    public record Restored(TrainingHistory history, int bestRound, boolean stopped, byte[] bestParameters) {}

    private GlimpseCheckpoint() {}

    public static void write(Path runDir, Map<String, Object> config, TrainingHistory history, int bestRound, boolean stopped,
            byte[] params, byte[] best, byte[] optimizer) {
        State s = new State(CheckpointFolder.FORMAT_VERSION, config, history, bestRound, stopped, ModelBundle.sha256(params),
                ModelBundle.sha256(best), ModelBundle.sha256(optimizer));
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(PARAMS, params);
        files.put(BEST, best);
        files.put(OPTIMIZER, optimizer);
        CheckpointFolder.write(runDir, files, s);
    }

    public static boolean exists(Path runDir) {
        return CheckpointFolder.exists(runDir);
    }

    /** Loads the checkpoint's current parameters into {@code model} (already initialised) and the optimizer's state. */
    public static Restored restore(Path runDir, Map<String, Object> config, Block model, Optimizer optimizer, NDManager manager) {
        State s = CheckpointFolder.readState(runDir, State.class, config);
        byte[] params = CheckpointFolder.readChecked(runDir, PARAMS, s.parametersSha256());
        byte[] best = CheckpointFolder.readChecked(runDir, BEST, s.bestSha256());
        byte[] opt = CheckpointFolder.readChecked(runDir, OPTIMIZER, s.optimizerSha256());
        ModelBundle.loadInitialized(model, params, manager, runDir.resolve(DIR));
        CheckpointFolder.loadOptimizer(optimizer, opt, manager, runDir, OPTIMIZER);
        return new Restored(s.history(), s.bestRound(), s.stopped(), best);
    }
}
