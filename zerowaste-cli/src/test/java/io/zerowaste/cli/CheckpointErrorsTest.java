package io.zerowaste.cli;

import static io.zerowaste.cli.CliErrorsTest.assertOneLine;
import static io.zerowaste.cli.CliErrorsTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.zerowaste.core.io.AtomicFiles;
import io.zerowaste.nn.bundle.ModelBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --resume} on damaged checkpoints: one line, exit 2, and the run folder (its checkpoint, bundle
 * and results) exactly as it was.
 */
class CheckpointErrorsTest {

    static final String FIXTURE = System.getProperty("zerowaste.fixture");
    static final String[] RECIPE = {"--epochs", "1", "--train-limit", "64", "--batch", "32", "--data", FIXTURE};

    @TempDir
    static Path tmp;

    static Path done;

    @BeforeAll
    static void trainOneEpoch() {
        done = tmp.resolve("done");
        assertThat(run(args("--out", done.toString())).code()).isZero();
        assertThat(done.resolve("checkpoint/state.json")).exists();
    }

    static String[] args(String... more) {
        return Stream.concat(Stream.of("train"), Stream.concat(Stream.of(RECIPE), Stream.of(more))).toArray(String[]::new);
    }

    /** A copy of the finished run to damage. */
    static Path copy(String name) throws IOException {
        Path to = tmp.resolve(name);
        try (Stream<Path> walk = Files.walk(done)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path q = to.resolve(done.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        }
        return to;
    }

    /** Resumes {@code run} and checks the message and that nothing in the run folder changed. */
    static void assertResumeRefused(Path run, String... fragments) {
        Map<String, String> before = FolderSnapshot.of(run);
        assertOneLine(run(args("--resume", "--out", run.toString())), fragments);
        assertThat(FolderSnapshot.of(run)).isEqualTo(before);
    }

    static Path state(Path run) {
        return run.resolve("checkpoint/state.json");
    }

    @Test
    void stateThatIsNotJson() throws IOException {
        Path run = copy("not-json");
        Files.writeString(state(run), "{\"format_version\": 1, \"config\": {");
        assertResumeRefused(run, "cannot read", "state.json", "not valid JSON");
    }

    @Test
    void stateOfAnotherFormatVersion() throws IOException {
        Path run = copy("version");
        Files.writeString(state(run), Files.readString(state(run)).replace("\"format_version\" : 1", "\"format_version\" : 7"));
        assertResumeRefused(run, "unsupported checkpoint format version 7");
    }

    @Test
    void stateWithABrokenHistory() throws IOException {
        Path run = copy("history");
        Files.writeString(state(run), Files.readString(state(run)).replaceFirst("\"val_accuracy\" : \\[[^]]*]", "\"val_accuracy\" : null"));
        assertResumeRefused(run, "corrupt checkpoint", "no valid training history");
    }

    @Test
    void parametersChangedAfterTheCheckpoint() throws IOException {
        Path run = copy("changed");
        Path params = run.resolve("checkpoint/parameters.bin");
        byte[] b = Files.readAllBytes(params);
        b[b.length / 2] ^= 1;
        Files.write(params, b);
        assertResumeRefused(run, "corrupt checkpoint", "parameters.bin does not match its checksum");
    }

    @Test
    void optimizerStateMissing() throws IOException {
        Path run = copy("missing");
        Files.delete(run.resolve("checkpoint/optimizer.bin"));
        assertResumeRefused(run, "corrupt checkpoint", "optimizer.bin is missing");
    }

    @Test
    void optimizerStateOfAnotherStructureWithAMatchingChecksum() throws IOException {
        Path run = copy("structure");
        Path opt = run.resolve("checkpoint/optimizer.bin");
        String oldSha = ModelBundle.sha256(Files.readAllBytes(opt));
        byte[] other = "\u0000\u0000\u0000\u0001NDAR".getBytes();
        Files.write(opt, other);
        Files.writeString(state(run), Files.readString(state(run)).replace(oldSha, ModelBundle.sha256(other)));
        assertResumeRefused(run, "corrupt checkpoint", "does not fit this optimizer");
    }

    @Test
    void resumeWithOtherOptions() throws IOException {
        Path run = copy("options");
        Map<String, String> before = FolderSnapshot.of(run);
        String[] other = args("--resume", "--seed", "8", "--out", run.toString());
        assertOneLine(run(other), "was made with other options", "resume with the same options");
        assertThat(FolderSnapshot.of(run)).isEqualTo(before);
        AtomicFiles.deleteRecursively(run);
    }
}
