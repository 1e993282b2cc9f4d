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

    private Path glimpseRun(String name, long seed, double entropyAt2, double randomAt2, Double fallbackPixels) throws IOException {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        String fb = fallbackPixels == null ? "" : ", \"fallback_pixel_fraction_for_full_minus_1\": " + fallbackPixels;
        Files.writeString(dir.resolve("results.json"), """
                {"kind": "glimpse", "run_id": "x", "provenance": {"seed": %d}, "config": {"glimpses": 2, "seed": %d},
                 "metrics": {"policies": {
                   "entropy": {"accuracy_by_glimpses": [0.5, %s], "stop_curve": [], "reconstruction_rmse_by_glimpses": [0.2, 0.1],
                     "pixel_fraction_by_glimpses": [0.1, 0.2],
                     "full_image_accuracy": 0.86, "train_seconds": 1, "val_accuracy": []%s},
                   "random": {"accuracy_by_glimpses": [0.4, %s], "stop_curve": [], "reconstruction_rmse_by_glimpses": [0.3, 0.2],
                     "full_image_accuracy": 0.86, "train_seconds": 1, "val_accuracy": []}}}}
                """.formatted(seed, seed, entropyAt2, fb, randomAt2));
        return dir;
    }

    @Test
    void glimpseMarginsAreTakenSeedBySeedAndTheStopRuleShowsBothFallbacks() throws IOException {
        // margins at 2 glimpses: +4 and +2 points → 3.00 ± 1.41; the means alone (70 − 67) would hide the spread
        List<Path> runs = List.of(glimpseRun("g0", 0, 0.72, 0.68, 0.38), glimpseRun("g1", 1, 0.68, 0.66, 0.42));
        List<AggregateTable> t = AggregateReport.write(runs, tmp.resolve("agg.html")).tables();
        assertThat(t).extracting(AggregateTable::name).containsExactly("glimpse-accuracy", "glimpse-stop", "glimpse-entropy-margin");
        assertThat(t.get(2).rows()).containsExactly(List.of("random", "10.00 ± 0.00", "3.00 ± 1.41"));
        assertThat(t.get(1).rows().get(0)).containsExactly("entropy", "10.00 ± 0.00", "20.00 ± 0.00", "0.2000 ± 0.0000", "0.1000 ± 0.0000", "—", "40.00 ± 2.83");
        assertThat(t.get(1).rows().get(1)).endsWith("—", "—");
    }
}
