package io.zerowaste.nn.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.fuzz.FuzzParts;
import io.zerowaste.core.io.AtomicFiles;
import io.zerowaste.nn.bundle.ModelBundle;
import io.zerowaste.nn.train.AdamOptimizer;
import io.zerowaste.nn.train.Checkpoints;
import io.zerowaste.nn.train.Optimizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the checkpoint reader, {@link Checkpoints#restore}, with a small linear model and Adam (whose state
 * mixes float and long arrays). Input: {@code state.json}, the parameters, the optimizer state, split by
 * markers; the binary parts may be PATCHes of valid ones, and {@code $P}/{@code $O} in the JSON become
 * their real checksums.
 */
class CheckpointFuzzTest {

    static final Map<String, Object> CONFIG = Map.of("seed", 1);
    static final Shape INPUT = new Shape(1, 4);

    private static Path runDir;
    private static NDManager base;
    private static byte[] validParameters;
    private static byte[] validOptimizer;

    @BeforeAll
    static void setUp() throws IOException {
        runDir = Files.createTempDirectory("zw-fuzz-checkpoint");
        Files.createDirectories(runDir.resolve(Checkpoints.DIR));
        base = NDManager.newBaseManager();
        try (NDManager m = base.newSubManager()) {
            Block model = model(m);
            try (Optimizer opt = optimizer(model, m)) {
                validParameters = ModelBundle.serialize(model);
                validOptimizer = opt.saveState().encode();
            }
        }
    }

    @AfterAll
    static void tearDown() {
        base.close();
        AtomicFiles.deleteRecursively(runDir);
    }

    /** The corpus' valid seed must restore, or the fuzzer never gets past the checks into DJL's reader. */
    @Test
    void validSeedRestores() throws IOException {
        write(getClass().getResourceAsStream("CheckpointFuzzTestInputs/checkpointFolder/valid").readAllBytes());
        try (NDManager m = base.newSubManager()) {
            Block model = model(m);
            try (Optimizer optimizer = optimizer(model, m)) {
                assertThat(Checkpoints.restore(runDir, CONFIG, model, INPUT, optimizer, m).epochsDone()).isEqualTo(1);
            }
        }
    }

    @FuzzTest(maxDuration = "60s")
    void checkpointFolder(byte[] input) throws IOException {
        write(input);
        try (NDManager m = base.newSubManager()) {
            Block model = model(m);
            try (Optimizer optimizer = optimizer(model, m)) {
                Checkpoints.restore(runDir, CONFIG, model, INPUT, optimizer, m);
            }
        } catch (ZeroWasteException expected) {
            // a clean refusal
        }
    }

    private static void write(byte[] input) throws IOException {
        byte[][] parts = FuzzParts.split(input, 3);
        byte[] params = FuzzParts.patched(validParameters, parts[1]);
        byte[] opt = FuzzParts.patched(validOptimizer, parts[2]);
        byte[] state = FuzzParts.fill(FuzzParts.fill(parts[0], "$P", ModelBundle.sha256(params)), "$O", ModelBundle.sha256(opt));
        Path dir = runDir.resolve(Checkpoints.DIR);
        Files.write(dir.resolve("state.json"), state);
        Files.write(dir.resolve("parameters.bin"), params);
        Files.write(dir.resolve("optimizer.bin"), opt);
    }

    static Block model(NDManager m) {
        Block model = Linear.builder().setUnits(3).build();
        model.initialize(m, DataType.FLOAT32, INPUT);
        return model;
    }

    static Optimizer optimizer(Block model, NDManager m) {
        List<Parameter> params = new ArrayList<>();
        for (Pair<String, Parameter> p : model.getParameters()) {
            params.add(p.getValue());
        }
        return new AdamOptimizer(params, m, 0.9f, 0.999f, 1e-8f, 0f);
    }
}
