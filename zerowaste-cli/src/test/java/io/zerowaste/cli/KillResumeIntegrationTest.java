package io.zerowaste.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zerowaste.core.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at a random moment, then --resume, for {@code train}, {@code continual run} and {@code glimpse train} on
 * the committed 1,000 + 200 image fixture: the resumed run must end with the uninterrupted run's results bit for
 * bit (one libtorch thread: see {@link CliProcess}), and redo at most the epoch, experience or validation round in
 * progress at the kill.
 */
@Tag("integration")
class KillResumeIntegrationTest {

    private static final String FIXTURE = System.getProperty("zerowaste.fixture");
    /** Wall-clock figures: the only results a resumed run may report differently. */
    private static final Set<String> TIMINGS = Set.of("train_seconds", "samples_per_second", "experience_seconds",
            "eval_images_per_second");

    @TempDir
    Path tmp;

    @Test
    void trainKilledAndResumedEndsBitIdenticalToAnUninterruptedRun() throws Exception {
        int epochs = 8;
        List<String> train = List.of("train", "--data", FIXTURE, "--epochs", String.valueOf(epochs), "--seed", "5");
        CrashDrill.Outcome o = new CrashDrill(tmp, 1).run(train, KillResumeIntegrationTest::epochsCheckpointed, epochs);
        System.out.println(o.describe("train"));

        assertThat(results(o.crashed())).isEqualTo(results(o.reference()));
        assertThat(field(o.crashed().resolve("model/manifest.json"), "parameters_sha256"))
                .isEqualTo(field(o.reference().resolve("model/manifest.json"), "parameters_sha256"));
        assertThat(field(o.crashed().resolve("checkpoint/state.json"), "history").get("train_loss"))
                .isEqualTo(field(o.reference().resolve("checkpoint/state.json"), "history").get("train_loss"));

        int resumedAfter = resumedAfter(o.resumedLog(), "resuming after epoch (\\d+) of " + epochs);
        assertThat(resumedAfter).as("epochs kept from the checkpoint").isGreaterThanOrEqualTo(o.killAfterUnits());
        long finishedBefore = CrashDrill.countLines(o.killedLog(), "epoch \\d+/" + epochs + ": .*");
        long finishedAfter = CrashDrill.countLines(o.resumedLog(), "epoch \\d+/" + epochs + ": .*");
        assertThat(finishedAfter).isEqualTo(epochs - resumedAfter);
        // every epoch the killed run finished is kept: only the one in progress at the kill is trained again
        assertThat(finishedBefore + finishedAfter).isLessThanOrEqualTo(epochs);
    }

    @Test
    void glimpseTrainKilledAndResumedEndsBitIdenticalToAnUninterruptedRun() throws Exception {
        int rounds = 8; // 25 steps each (the smallest validation round), with no early stop
        List<String> train = List.of("glimpse", "train", "--data", FIXTURE, "--steps", String.valueOf(25 * rounds), "--patience", "100",
                "--glimpses", "4", "--policy", "entropy", "--seed", "5");
        CrashDrill.Outcome o = new CrashDrill(tmp, 3).run(train, KillResumeIntegrationTest::epochsCheckpointed, rounds);
        System.out.println(o.describe("glimpse train"));

        assertThat(results(o.crashed())).isEqualTo(results(o.reference()));
        assertThat(field(o.crashed().resolve("model/manifest.json"), "parameters_sha256"))
                .isEqualTo(field(o.reference().resolve("model/manifest.json"), "parameters_sha256"));
        assertThat(field(o.crashed().resolve("checkpoint/state.json"), "history").get("train_loss"))
                .isEqualTo(field(o.reference().resolve("checkpoint/state.json"), "history").get("train_loss"));

        int resumedAfter = resumedAfter(o.resumedLog(), "resuming after epoch (\\d+) of " + rounds);
        assertThat(resumedAfter).as("rounds kept from the checkpoint").isGreaterThanOrEqualTo(o.killAfterUnits());
        long finishedBefore = CrashDrill.countLines(o.killedLog(), "epoch \\d+/" + rounds + ": .*");
        long finishedAfter = CrashDrill.countLines(o.resumedLog(), "epoch \\d+/" + rounds + ": .*");
        assertThat(finishedAfter).isEqualTo(rounds - resumedAfter);
        assertThat(finishedBefore + finishedAfter).isLessThanOrEqualTo(rounds);
    }

    @Test
    void continualRunKilledAndResumedEndsBitIdenticalToAnUninterruptedRun() throws Exception {
        int experiences = 5;
        int units = 7 * experiences; // every strategy, one checkpoint per experience
        List<String> run = List.of("continual", "run", "--data", FIXTURE, "--backbone", "cnn", "--epochs", "2", "--experiences",
                String.valueOf(experiences), "--seed", "5");
        CrashDrill.Outcome o = new CrashDrill(tmp, 2).run(run, KillResumeIntegrationTest::experiencesCheckpointed, units);
        System.out.println(o.describe("continual run"));

        assertThat(results(o.crashed())).isEqualTo(results(o.reference()));

        String started = "\\w+: experience \\d+/" + experiences + " \\(.*";
        long startedBefore = CrashDrill.countLines(o.killedLog(), started);
        long startedAfter = CrashDrill.countLines(o.resumedLog(), started);
        assertThat(startedAfter).as("experiences learnt after the resume").isLessThanOrEqualTo(units - o.killAfterUnits());
        assertThat(o.resumedLog()).containsPattern("\\w+: (resuming after experience \\d+|all \\d+ experiences done)");
        // at most the experience in progress at the kill is learnt twice
        assertThat(startedBefore + startedAfter).isLessThanOrEqualTo(units + 1);
    }

    /** Epochs in RUN_DIR/checkpoint; 0 while the folder is being swapped. */
    private static int epochsCheckpointed(Path runDir) {
        try {
            return Json.MAPPER.readTree(runDir.resolve("checkpoint/state.json").toFile()).path("history").path("val_accuracy").size();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Experiences in RUN_DIR/checkpoints/STRATEGY, summed over the strategies. */
    private static int experiencesCheckpointed(Path runDir) {
        Path dir = runDir.resolve("checkpoints");
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int done = 0;
        try (Stream<Path> strategies = Files.list(dir)) {
            for (Path s : (Iterable<Path>) strategies::iterator) {
                Path progress = s.resolve("progress.json");
                // ".NAME.*" folders are checkpoints being written or replaced, not checkpoints yet
                if (!s.getFileName().toString().startsWith(".") && Files.isRegularFile(progress)) {
                    done += Json.MAPPER.readTree(progress.toFile()).path("done").asInt();
                }
            }
        } catch (IOException e) {
            return 0; // a folder swapped while listed: read again on the next poll
        }
        return done;
    }

    /** results.json's metrics without the wall-clock figures. */
    private static JsonNode results(Path runDir) throws IOException {
        JsonNode metrics = Json.MAPPER.readTree(runDir.resolve("results.json").toFile()).get("metrics");
        removeTimings(metrics);
        return metrics;
    }

    private static void removeTimings(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove(TIMINGS);
        }
        node.forEach(KillResumeIntegrationTest::removeTimings);
    }

    private static JsonNode field(Path json, String name) throws IOException {
        return Json.MAPPER.readTree(json.toFile()).get(name);
    }

    private static int resumedAfter(String log, String regex) {
        Matcher m = Pattern.compile(regex).matcher(log);
        assertThat(m.find()).as("the resumed run says where it resumed; log:\n%s", log).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
