package io.zerowaste.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.report.aggregate.AggregateReport;
import io.zerowaste.report.aggregate.AggregateTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedAggregateTest {

    @TempDir
    Path tmp;

    private Path exitsRun(String name, long seed, int headEpochs, double ztw50, double backbone) throws IOException {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.json"), """
                {"kind": "exits", "run_id": "x", "provenance": {"seed": %d},
                 "config": {"methods": ["ztw"], "head_epochs": %d, "seed": %d},
                 "metrics": {"backbone_test_accuracy": %s, "methods": {"ztw": {
                   "budget_accuracy": {"25": 0.8, "50": %s, "75": 0.9, "100": null},
                   "validation_chosen_max_accuracy": 0.93, "auc": 0.7}}}}
                """.formatted(seed, headEpochs, seed, backbone, ztw50));
        return dir;
    }

    @Test
    void meanAndSampleStdOverSeedsInPercent() throws IOException {
        List<Path> runs = List.of(exitsRun("s0", 0, 3, 0.90, 0.93), exitsRun("s1", 1, 3, 0.92, 0.93), exitsRun("s2", 2, 3, 0.94, 0.93));
        AggregateReport.Outcome o = AggregateReport.write(runs, tmp.resolve("agg.html"));
        AggregateTable t = o.tables().get(0);
        // 50 %: mean 92, sample std sqrt(((−2)² + 0 + 2²) / 2) = 2
        assertThat(t.rows().get(0)).containsExactly("ZTW", "80.00 ± 0.00", "92.00 ± 2.00", "90.00 ± 0.00", "—", "93.00 ± 0.00", "70.00 ± 0.00");
        assertThat(t.rows().get(1).get(4)).isEqualTo("93.00 ± 0.00");
        assertThat(t.markdown()).contains("| ZTW | 80.00 ± 0.00 | 92.00 ± 2.00 |");
        assertThat(Files.readString(o.page())).contains("92.00 ± 2.00");
    }

    @Test
    void refusesRunsWhoseConfigurationsDifferBeyondTheSeed() throws IOException {
        List<Path> runs = List.of(exitsRun("a", 0, 3, 0.9, 0.93), exitsRun("b", 1, 5, 0.9, 0.93));
        assertThatThrownBy(() -> AggregateReport.write(runs, tmp.resolve("agg.html"))).isInstanceOf(ZeroWasteException.class)
                .hasMessageContaining("'head_epochs'");
        assertThat(tmp.resolve("agg.html")).doesNotExist();
    }

    @Test
    void refusesTwoRunsWithOneSeed() throws IOException {
        List<Path> runs = List.of(exitsRun("a", 4, 3, 0.9, 0.93), exitsRun("b", 4, 3, 0.91, 0.93));
        assertThatThrownBy(() -> AggregateReport.write(runs, tmp.resolve("agg.html"))).hasMessageContaining("share a seed");
    }
}
