package io.zerowaste.exits;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerowaste.core.config.ExitsConfig;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.ShapeScenes;
import io.zerowaste.core.io.Json;
import io.zerowaste.exits.app.ExitsTraining;
import io.zerowaste.nn.engine.Precision;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exits train --precision bf16} end to end: the heads train on the frozen backbone's scripted bf16 stages.
 * Regression: those stages ran in libtorch's inference mode, whose tensors the heads cannot save for backward.
 */
class Bf16ExitsTrainingTest {

    @TempDir
    Path tmp;

    @Test
    @SuppressWarnings("unchecked")
    void headsTrainOnABf16Backbone() {
        Dataset data = new Dataset("shapes", "sha256:test", ShapeScenes.generate(16, 1), ShapeScenes.generate(4, 2), ShapeScenes.CLASSES);
        ExitsConfig cfg = ExitsConfig.defaults().withMethods(List.of("ztw")).withBackboneEpochs(1).withHeadEpochs(1).withEnsembleEpochs(1)
                .withEnsembleBatch(64).withBatchSize(32);
        ExitsTraining.run(data, cfg, tmp.resolve("run"), List.of(), s -> { }, new Precision.Choice(Precision.BF16, "test"));
        Map<String, Object> results = Json.read(tmp.resolve("run/results.json"), Map.class);
        Map<String, Object> config = (Map<String, Object>) ((Map<String, Object>) results.get("provenance")).get("config");
        assertThat(config).containsEntry("precision", "bf16");
        assertThat(tmp.resolve("run/ztw/manifest.json")).exists();
    }
}
