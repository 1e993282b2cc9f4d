package io.zerowaste.continual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zerowaste.continual.app.ContinualTuning;
import io.zerowaste.core.ZeroWasteException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContinualTuningTest {

    @TempDir
    Path tmp;

    @Test
    void choosesTheValueWithTheBestValidationAccuracy() {
        ContinualTuning.Outcome o = ContinualTuning.tune(Fixture.load(), Fixture.config("class-il", List.of("ewc"), "mlp"), "ewc",
                "ewc-lambda", List.of("1", "10", "1e7"), tmp, List.of(), s -> {});
        assertThat(o.trials().subList(0, 2)).allSatisfy(t -> {
            assertThat(t.validationAccuracy()).isBetween(0.0, 1.0);
            assertThat(t.testAccuracy()).isBetween(0.0, 1.0);
        });
        assertThat(o.trials().get(2).failure()).contains("diverged"); // recorded, and the search goes on
        ContinualTuning.Trial best = o.trials().subList(0, 2).stream()
                .max(Comparator.comparing(ContinualTuning.Trial::validationAccuracy)).orElseThrow();
        assertThat(o.chosen()).isEqualTo(best.value());
        assertThat(tmp.resolve(ContinualTuning.FILE_NAME)).exists();
        assertThat(tmp.resolve("ewc-lambda=1").resolve("results.json")).exists();
    }

    @Test
    void refusesAnUnknownSetting() {
        assertThatThrownBy(() -> ContinualTuning.tune(Fixture.load(), Fixture.config("class-il", List.of("ewc"), "mlp"), "ewc",
                "momentum", List.of("1", "2"), tmp, List.of(), s -> {}))
                .isInstanceOf(ZeroWasteException.class).hasMessageContaining("cannot tune 'momentum'");
    }
}
