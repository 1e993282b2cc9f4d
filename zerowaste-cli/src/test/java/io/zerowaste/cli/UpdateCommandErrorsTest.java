package io.zerowaste.cli;

import static io.zerowaste.cli.CliErrorsTest.assertOneLine;
import static io.zerowaste.cli.CliErrorsTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.zerowaste.core.data.IdxWriter;
import io.zerowaste.core.data.ImageSet;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code update} and {@code lifecycle demo}: bad input is one line on stderr and exit 2, before any training. */
class UpdateCommandErrorsTest {

    @TempDir
    Path tmp;

    Path data() {
        Path d = tmp.resolve("new");
        IdxWriter.write(d, "train", new ImageSet(new byte[2 * 28 * 28], new int[] {0, 1}, 28, 28));
        return d;
    }

    @Test
    void aMissingBundle() {
        assertOneLine(run("update", "--model", tmp.resolve("none").toString(), "--data", data().toString(), "--out",
                tmp.resolve("v2").toString()), "model bundle not found");
        assertThat(tmp.resolve("v2")).doesNotExist();
    }

    @Test
    void aMissingDataFolder() {
        assertOneLine(run("update", "--model", tmp.toString(), "--data", tmp.resolve("none").toString(), "--out",
                tmp.resolve("v2").toString()), "not a model bundle");
    }

    @Test
    void anUnknownStrategyAndBothRules() {
        assertOneLine(run("update", "--model", tmp.toString(), "--data", data().toString(), "--out", tmp.resolve("v2").toString(),
                "--strategy", "ewc"), "unknown --strategy 'ewc'");
        CliErrorsTest.Run both = run("update", "--model", tmp.toString(), "--data", data().toString(), "--out", tmp.resolve("v3").toString(),
                "--budget", "0.5", "--max-drop", "0.01");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
    }

    @Test
    void aBadDemoScenario() {
        assertOneLine(run("lifecycle", "demo", "--scenario", "task-il", "--out", tmp.resolve("demo").toString()),
                "unknown --scenario 'task-il'");
    }
}
