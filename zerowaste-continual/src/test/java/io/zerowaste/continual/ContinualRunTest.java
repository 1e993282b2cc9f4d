package io.zerowaste.continual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.zerowaste.continual.app.ContinualRun;
import io.zerowaste.continual.app.StrategyProgress;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.config.ContinualConfig;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.nn.train.TrainingHook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContinualRunTest {

    @TempDir
    Path tmp;

    @Test
    @SuppressWarnings("unchecked")
    void everyStrategyRunsAndReportsTheIssueMetrics() {
        Dataset data = Fixture.load();
        ContinualConfig cfg = Fixture.config("class-il", ContinualConfig.STRATEGIES, "mlp");
        ContinualRun.Outcome o = ContinualRun.run(data, cfg, tmp.resolve("all"), false, List.of(), s -> {});
        Map<String, Object> strategies = (Map<String, Object>) onDisk(tmp.resolve("all")).get("strategies");
        assertThat(strategies.keySet()).containsExactly("scratch", "finetune", "cumulative", "ewc", "lwf", "replay", "seed");
        for (Object v : strategies.values()) {
            Map<String, Object> m = (Map<String, Object>) v;
            assertThat(m).containsKeys("accuracy_matrix", "final_average_accuracy", "average_incremental_accuracy", "forgetting",
                    "bwt", "fwt", "train_macs", "train_seconds", "compute_ratio_to_scratch", "steps_to_scratch_accuracy");
            assertThat((List<List<?>>) m.get("accuracy_matrix")).hasSize(5).allSatisfy(row -> assertThat(row).hasSize(5));
            assertThat(m.get("fwt")).isNull(); // defined for task-il only
        }
        Map<String, Object> scratch = (Map<String, Object>) strategies.get("scratch");
        assertThat((Double) scratch.get("compute_ratio_to_scratch")).isEqualTo(1.0);
        // finetune trains each experience once; scratch retrains on everything seen: 1+2+3+4+5 = 15 shares vs 5
        Map<String, Object> finetune = (Map<String, Object>) strategies.get("finetune");
        assertThat((Double) finetune.get("compute_ratio_to_scratch")).isCloseTo(5.0 / 15, within(0.02));
        // in class-il nothing is known about a class before its experience
        double[] firstRow = o.progress().get("finetune").matrix().get(0);
        assertThat(firstRow[1]).isZero();
        assertThat(Files.exists(tmp.resolve("all/results.json"))).isTrue();
    }

    @Test
    void resumeAfterACrashRepeatsTheUninterruptedRun() throws IOException {
        Dataset data = Fixture.load();
        ContinualConfig cfg = Fixture.config("class-il", List.of("replay", "ewc", "seed"), "mlp");
        ContinualRun.Outcome whole = ContinualRun.run(data, cfg, tmp.resolve("whole"), false, List.of(), s -> {});

        Path crashed = tmp.resolve("crashed");
        TrainingHook crashInEwcThirdExperience = new TrainingHook() {
            int starts;

            @Override
            public void onTrainStart(TrainStartEvent e) {
                if (++starts == 5 + 3) { // replay's 5 experiences, then ewc's third
                    throw new IllegalStateException("simulated crash");
                }
            }
        };
        assertThatThrownBy(() -> ContinualRun.run(data, cfg, crashed, false, List.of(crashInEwcThirdExperience), s -> {}))
                .hasMessage("simulated crash");
        assertThatThrownBy(() -> ContinualRun.run(data, cfg, crashed, false, List.of(), s -> {}))
                .isInstanceOf(ZeroWasteException.class).hasMessageContaining("pass --resume");

        // as if killed between the checkpoint swap's two renames: ewc's last checkpoint is left only moved aside
        Path ewc = crashed.resolve(ContinualRun.CHECKPOINTS).resolve("ewc");
        assertThat(ewc).isDirectory();
        Files.move(ewc, ewc.resolveSibling(".ewc.old"));

        List<String> log = new ArrayList<>();
        ContinualRun.Outcome resumed = ContinualRun.run(data, cfg, crashed, true, List.of(), log::add);
        assertThat(log).contains("replay: all 5 experiences done (from the checkpoint)", "ewc: resuming after experience 2 of 5");
        for (String name : List.of("replay", "ewc", "seed")) {
            StrategyProgress a = whole.progress().get(name);
            StrategyProgress b = resumed.progress().get(name);
            assertThat(b.done()).isEqualTo(5);
            assertThat(b.macs()).isEqualTo(a.macs());
            for (int t = 0; t < 5; t++) {
                for (int u = 0; u < 5; u++) {
                    assertThat(b.matrix().get(t)[u]).as(name + " R[%d][%d]", t, u).isCloseTo(a.matrix().get(t)[u], within(1e-9));
                }
            }
        }
        ContinualConfig other = Fixture.config("class-il", List.of("replay"), "mlp");
        assertThatThrownBy(() -> ContinualRun.run(data, other, crashed, true, List.of(), s -> {}))
                .isInstanceOf(ZeroWasteException.class).hasMessageContaining("other options");
    }

    @Test
    void taskIlAddsTaskAwareResultsAndForwardTransfer() {
        Dataset data = Fixture.load();
        ContinualConfig cfg = Fixture.config("task-il", List.of("finetune"), "mlp");
        ContinualRun.Outcome o = ContinualRun.run(data, cfg, tmp.resolve("task"), false, List.of(), s -> {});
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) ((Map<String, Object>) onDisk(tmp.resolve("task")).get("strategies")).get("finetune");
        assertThat(m).containsKeys("task_aware_accuracy_matrix", "task_aware_final_average_accuracy", "task_aware_forgetting");
        assertThat(m.get("fwt")).isNotNull();
        // with the task known, a prediction picks between the task's two classes: at least as good as task-agnostic
        assertThat((Double) m.get("task_aware_final_average_accuracy")).isGreaterThanOrEqualTo((Double) m.get("final_average_accuracy"));
    }

    /** The metrics as written to RUN_DIR/results.json: the keys users' scripts read. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> onDisk(Path runDir) {
        return (Map<String, Object>) io.zerowaste.core.io.Json.read(runDir.resolve("results.json"), Map.class).get("metrics");
    }
}
