package io.zerowaste.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerowaste.core.data.Normalization;
import io.zerowaste.core.io.Json;
import io.zerowaste.nn.bundle.BundleManifest;
import io.zerowaste.nn.bundle.ModelBundle;
import io.zerowaste.nn.model.ArchitectureSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad input gives one clear line on stderr and exit code 2; no stack trace without --verbose. */
class CliErrorsTest {

    @TempDir
    Path tmp;

    record Run(int code, String err) {}

    static Run run(String... args) {
        CommandLine cli = ZeroWasteCli.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        ZeroWasteCli.verbose = false;
        int code = cli.execute(args);
        return new Run(code, err.toString());
    }

    static void assertOneLine(Run r, String... fragments) {
        assertOneLine(r, 2, fragments);
    }

    /** One line on stderr, no stack trace, with these fragments, and this exit code (2 bad input, 1 failure). */
    static void assertOneLine(Run r, int code, String... fragments) {
        assertThat(r.code()).as(r.err()).isEqualTo(code);
        assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
        assertThat(r.err()).startsWith("error: ").doesNotContain("\tat ").contains(fragments);
    }

    @Test
    void missingDataFolder() {
        assertOneLine(run("train", "--data", tmp.resolve("none").toString()), "dataset folder not found", "--data");
    }

    @Test
    void truncatedIdxFile() throws IOException {
        Path fixture = Path.of(System.getProperty("zerowaste.fixture"));
        Path d = tmp.resolve("data");
        Files.createDirectories(d);
        for (String f : new String[] {"train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
            Files.copy(fixture.resolve(f), d.resolve(f));
        }
        ByteBuffer b = ByteBuffer.allocate(16 + 100);
        b.putInt(0x803).putInt(1000).putInt(28).putInt(28);
        Files.write(d.resolve("train-images-idx3-ubyte"), b.array());
        assertOneLine(run("eval", "--model", tmp.toString(), "--data", d.toString()), "corrupt IDX file", "truncated");
    }

    @Test
    void imageLabelCountMismatch() throws IOException {
        Path fixture = Path.of(System.getProperty("zerowaste.fixture"));
        Path d = tmp.resolve("mismatch");
        Files.createDirectories(d);
        Files.copy(fixture.resolve("train-images-idx3-ubyte.gz"), d.resolve("train-images-idx3-ubyte.gz"));
        Files.copy(fixture.resolve("t10k-labels-idx1-ubyte.gz"), d.resolve("train-labels-idx1-ubyte.gz"));
        Files.copy(fixture.resolve("t10k-images-idx3-ubyte.gz"), d.resolve("t10k-images-idx3-ubyte.gz"));
        Files.copy(fixture.resolve("t10k-labels-idx1-ubyte.gz"), d.resolve("t10k-labels-idx1-ubyte.gz"));
        assertOneLine(run("train", "--data", d.toString()), "image/label count mismatch");
    }

    @Test
    void corruptBundle() throws IOException {
        Path b = tmp.resolve("bundle");
        Files.createDirectories(b);
        Files.writeString(b.resolve("manifest.json"), "{ not json");
        assertOneLine(run("info", "--model", b.toString()), "cannot read", "manifest.json");
        assertOneLine(run("info", "--model", tmp.resolve("absent").toString()), "model bundle not found");
    }

    @Test
    void unknownFlagAndNonNumericOption() {
        assertOneLine(run("train", "--epochz", "3"), "Unknown option", "--epochz");
        assertOneLine(run("train", "--epochs", "ten"), "--epochs", "ten");
        assertOneLine(run("bench", "infer", "--precision", "fp16"), "--precision", "unknown precision 'fp16'", "fp32, bf16 or auto");
        assertOneLine(run("train", "--optimizer", "rmsprop", "--data", tmp.toString()), "--optimizer");
    }

    @Test
    void verboseAddsTheStackTrace() {
        CommandLine cli = ZeroWasteCli.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute("info", "--verbose", "--model", tmp.resolve("absent").toString());
        ZeroWasteCli.verbose = false;
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("model bundle not found").contains("\tat ");
    }

    @Test
    void continualBadOptions() {
        Path fixture = Path.of(System.getProperty("zerowaste.fixture"));
        assertOneLine(run("continual", "run", "--scenario", "class-xx", "--data", fixture.toString()), "unknown --scenario", "class-il");
        assertOneLine(run("continual", "run", "--strategies", "finetune,magic", "--data", fixture.toString()), "unknown strategy 'magic'");
        assertOneLine(run("continual", "run", "--resume", "--out", tmp.resolve("none").toString(), "--data", fixture.toString()),
                "nothing to resume");
    }

    @Test
    void reportOfAMissingRun() {
        assertOneLine(run("report", tmp.resolve("none").toString(), "--out", tmp.resolve("r.html").toString()), "no such run folder");
    }

    @Test
    void serveWithoutABundle() {
        assertOneLine(run("serve", "--model", tmp.resolve("none").toString(), "--port", "0"), "none");
    }

    @Test
    void glimpseUnknownPolicy() {
        Path fixture = Path.of(System.getProperty("zerowaste.fixture"));
        assertOneLine(run("glimpse", "train", "--policy", "psychic", "--data", fixture.toString()), "unknown --policy 'psychic'");
    }

    @Test
    void glimpsePatchThatDoesNotDivideTheImageAndResumeWithoutCheckpoint() {
        Path fixture = Path.of(System.getProperty("zerowaste.fixture"));
        assertOneLine(run("glimpse", "train", "--patch", "5", "--data", fixture.toString(), "--out", tmp.resolve("g5").toString()),
                "28×28 images do not split into 5×5 patches");
        assertOneLine(run("glimpse", "train", "--train-policy", "psychic", "--data", fixture.toString()), "unknown --train-policy 'psychic'");
        assertOneLine(run("glimpse", "train", "--resume", "--steps", "25", "--data", fixture.toString(), "--out", tmp.resolve("g0").toString()),
                "nothing to resume");
    }

    /** A copy of the fixture folder with one file replaced ({@code null} content: removed). */
    Path dataWith(String name, byte[] content) throws IOException {
        Path fixture = Path.of(System.getProperty("zerowaste.fixture"));
        Path d = tmp.resolve("data-" + name.replace('.', '-'));
        Files.createDirectories(d);
        for (String f : new String[] {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
                "t10k-labels-idx1-ubyte.gz"}) {
            Files.copy(fixture.resolve(f), d.resolve(f));
        }
        Files.delete(d.resolve(name));
        if (content != null) {
            Files.write(d.resolve(name), content);
        }
        return d;
    }

    @Test
    void damagedGzipIdxFile() throws IOException {
        byte[] gz = Files.readAllBytes(Path.of(System.getProperty("zerowaste.fixture"), "train-images-idx3-ubyte.gz"));
        Path d = dataWith("train-images-idx3-ubyte.gz", Arrays.copyOf(gz, gz.length / 2));
        assertOneLine(run("train", "--data", d.toString()), "corrupt IDX file", "gzip stream is damaged or truncated");
    }

    @Test
    void fileThatIsNotIdx() throws IOException {
        Path d = dataWith("t10k-labels-idx1-ubyte.gz", "label,image\n1,2\n".getBytes());
        assertOneLine(run("train", "--data", d.toString()), "corrupt IDX file", "bad magic number");
    }

    @Test
    void missingIdxFile() throws IOException {
        Path d = dataWith("t10k-images-idx3-ubyte.gz", null);
        assertOneLine(run("train", "--data", d.toString()), "missing IDX file t10k-images-idx3-ubyte", "a dataset folder needs");
    }

    @Test
    void zeroEpochsAndNegativeBatch() {
        Path fixture = Path.of(System.getProperty("zerowaste.fixture"));
        assertOneLine(run("train", "--epochs", "0", "--data", fixture.toString()), "--epochs must be at least 1");
        assertOneLine(run("train", "--batch", "-4", "--data", fixture.toString()), "--batch must be at least 1");
        assertOneLine(run("train", "--lr", "NaN", "--data", fixture.toString()), "--lr must be positive");
    }

    /** A bundle folder with this manifest (its checksum made to match) and parameters. */
    Path bundle(String name, ArchitectureSpec spec, String parametersFile, byte[] parameters, int formatVersion) throws IOException {
        Path b = tmp.resolve(name);
        Files.createDirectories(b);
        List<String> names = java.util.stream.IntStream.range(0, Math.max(0, Math.min(spec.numClasses(), 1000)))
                .mapToObj(Integer::toString).toList();
        BundleManifest m = new BundleManifest(formatVersion, "backbone", spec, new Normalization(0.28, 0.35), names, Map.of(), 0,
                parametersFile, ModelBundle.sha256(parameters), null, Map.of(), Map.of());
        Files.writeString(b.resolve(BundleManifest.FILE_NAME), Json.toString(m));
        Files.write(b.resolve(BundleManifest.PARAMETERS_FILE), parameters);
        return b;
    }

    static final ArchitectureSpec SPEC = new ArchitectureSpec("resnet14", 1, 28, 28, 10);

    @Test
    void bundleWithAnAbsurdArchitecture() throws IOException {
        Path b = bundle("huge", new ArchitectureSpec("resnet14", 100_000, 28, 28, 10), "parameters.bin", new byte[8], 1);
        assertOneLine(run("info", "--model", b.toString()), "corrupt bundle", "100000 input channels");
        Path z = bundle("zero", new ArchitectureSpec("resnet14", 1, 0, 28, 10), "parameters.bin", new byte[8], 1);
        assertOneLine(run("info", "--model", z.toString()), "corrupt bundle", "input size 0x28");
    }

    @Test
    void bundleWhoseParametersPointOutsideIt() throws IOException {
        Path b = bundle("outside", SPEC, "../../etc/passwd", new byte[8], 1);
        assertOneLine(run("info", "--model", b.toString()), "corrupt bundle", "not a file name inside the bundle");
    }

    @Test
    void bundleWithChangedOrMissingParameters() throws IOException {
        Path b = bundle("changed", SPEC, "parameters.bin", new byte[8], 1);
        Files.write(b.resolve("parameters.bin"), new byte[7]);
        assertOneLine(run("info", "--model", b.toString()), "corrupt bundle", "does not match its checksum");
        Files.delete(b.resolve("parameters.bin"));
        assertOneLine(run("info", "--model", b.toString()), "corrupt bundle", "parameters.bin is missing");
    }

    @Test
    void bundleOfAnotherFormatVersion() throws IOException {
        Path b = bundle("v99", SPEC, "parameters.bin", new byte[8], 99);
        assertOneLine(run("info", "--model", b.toString()), "unsupported bundle format version 99");
    }

    @Test
    void bundleParametersWithADamagedStructure() throws IOException {
        // the checksum matches, so only the structure check stands between these bytes and DJL's reader
        Path b = bundle("structure", SPEC, "parameters.bin", "P\u0000\u0001not parameters".getBytes(), 1);
        assertOneLine(run("eval", "--model", b.toString(), "--data", System.getProperty("zerowaste.fixture"), "--out",
                tmp.resolve("eval").toString()), "corrupt bundle", "the parameters do not fit the architecture",
                "bytes long but the model's parameters take");
        assertThat(tmp.resolve("eval")).doesNotExist();
    }

    @Test
    void imagesOfAnotherSizeThanTheModel() throws IOException {
        Path b = bundle("size", SPEC, "parameters.bin", new byte[8], 1);
        Path d = tmp.resolve("tiny");
        Files.createDirectories(d);
        byte[] images = ByteBuffer.allocate(16 + 4).putInt(0x803).putInt(1).putInt(2).putInt(2).array();
        byte[] labels = ByteBuffer.allocate(8 + 1).putInt(0x801).putInt(1).array();
        for (String set : new String[] {"train", "t10k"}) {
            Files.write(d.resolve(set + "-images-idx3-ubyte"), images);
            Files.write(d.resolve(set + "-labels-idx1-ubyte"), labels);
        }
        assertOneLine(run("eval", "--model", b.toString(), "--data", d.toString(), "--out", tmp.resolve("eval2").toString()),
                "the images are 1x2x2 (channels x height x width) but the model", "takes 1x28x28", "--image-size");
    }
}
