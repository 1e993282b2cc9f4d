package io.zerowaste.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerowaste.exits.app.ExitsBenchmark;
import org.junit.jupiter.api.Test;

class BenchExitsTableTest {

    @Test
    void stagesAloneBoundScalesEachStagesBackboneTimeByItsSamples() {
        // two stages of equal MACs: the first takes 30 ms, the second 10 ms on the full batch of 100;
        // half the samples exit after stage 0, so the MAC-based theoretical speedup is 1 / 0.75 = 1.33x
        ExitsBenchmark.Breakdown b = new ExitsBenchmark.Breakdown(new double[] {0.5, 0.5}, new double[] {30, 10},
                new double[] {31, 6}, new double[] {100, 50}, 2, 0, 0, 1, 0);
        // stages alone: 40 / (30 + 5) = 1.14x, and 1.14 / 1.33 = 0.86 of theoretical
        assertThat(BenchExitsCommand.stagesAloneBound(b, 1 / 0.75))
                .isEqualTo("stages alone, at the backbone's time per sample: 1.14x = 0.86 of theoretical");
    }
}
