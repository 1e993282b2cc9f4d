package io.zerowaste.nn.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.fuzz.FuzzParts;
import io.zerowaste.core.io.AtomicFiles;
import io.zerowaste.nn.bundle.BundleManifest;
import io.zerowaste.nn.bundle.ModelBundle;
import io.zerowaste.nn.model.ArchitectureSpec;
import io.zerowaste.nn.model.ResNet14Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the bundle reader: {@code manifest.json} and {@code parameters.bin}, through {@link ModelBundle#read}.
 * Input: the manifest, a marker, then the parameters (or a PATCH of valid ResNet-14 1×28×28×10 parameters).
 * {@code $SHA} in the manifest becomes the parameters' real checksum, so the fuzzer gets past the checksum.
 */
class BundleFuzzTest {

    static final ArchitectureSpec SPEC = new ArchitectureSpec(ArchitectureSpec.RESNET14, 1, 28, 28, 10);

    private static Path dir;
    private static byte[] validParameters;
    private static NDManager base;

    @BeforeAll
    static void setUp() throws IOException {
        dir = Files.createTempDirectory("zw-fuzz-bundle");
        base = NDManager.newBaseManager();
        try (NDManager m = base.newSubManager()) {
            ResNet14Block block = new ResNet14Block(SPEC);
            block.initialize(m, DataType.FLOAT32, SPEC.inputShape());
            validParameters = ModelBundle.serialize(block);
        }
    }

    @AfterAll
    static void tearDown() {
        base.close();
        AtomicFiles.deleteRecursively(dir);
    }

    /** The corpus' valid seed must load, or the fuzzer never gets past the checks into DJL's reader. */
    @Test
    void validSeedLoads() throws IOException {
        byte[] seed = getClass().getResourceAsStream("BundleFuzzTestInputs/bundleFolder/valid").readAllBytes();
        write(seed);
        try (NDManager m = base.newSubManager()) {
            assertThat(ModelBundle.read(dir, m).manifest().architecture()).isEqualTo(SPEC);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void bundleFolder(byte[] input) throws IOException {
        write(input);
        try (NDManager m = base.newSubManager()) {
            ModelBundle.read(dir, m);
        } catch (ZeroWasteException expected) {
            // a clean refusal
        }
    }

    private static void write(byte[] input) throws IOException {
        byte[][] parts = FuzzParts.split(input, 2);
        byte[] parameters = FuzzParts.patched(validParameters, parts[1]);
        byte[] manifest = FuzzParts.fill(parts[0], "$SHA", ModelBundle.sha256(parameters));
        Files.write(dir.resolve(BundleManifest.FILE_NAME), manifest);
        Files.write(dir.resolve(BundleManifest.PARAMETERS_FILE), parameters);
    }
}
