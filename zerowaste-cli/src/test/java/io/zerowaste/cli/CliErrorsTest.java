package io.zerowaste.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
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
        assertThat(r.code()).as(r.err()).isEqualTo(2);
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
}
