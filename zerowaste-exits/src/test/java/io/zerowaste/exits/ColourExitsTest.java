package io.zerowaste.exits;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerowaste.core.config.ExitsConfig;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.ShapeScenes;
import io.zerowaste.core.io.Json;
import io.zerowaste.exits.app.ExitsTraining;
import io.zerowaste.nn.bundle.BundleManifest;
import io.zerowaste.nn.bundle.ModelBundle;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The early-exit pipeline on 3×32×32 colour scenes: MACs and head cost fractions for that shape. */
class ColourExitsTest {

    @TempDir
    Path tmp;

    @Test
    @SuppressWarnings("unchecked")
    void headsAndCostsFollowTheColourInput() {
        Dataset data = new Dataset("shapes", "sha256:test", ShapeScenes.generate(16, 1), ShapeScenes.generate(4, 2), ShapeScenes.CLASSES);
        ExitsConfig cfg = ExitsConfig.defaults().withMethods(List.of("ztw")).withBackboneEpochs(1).withHeadEpochs(1).withEnsembleEpochs(1)
                .withEnsembleBatch(64).withBatchSize(32);
        ExitsTraining.run(data, cfg, tmp.resolve("run"), List.of(), s -> { });
        Map<String, Object> metrics = (Map<String, Object>) Json.read(tmp.resolve("run/results.json"), Map.class).get("metrics");
        assertThat(((Number) metrics.get("backbone_macs")).longValue()).isEqualTo(26_657_408L);
        List<Double> fractions = ((List<Number>) metrics.get("head_cost_fraction")).stream().map(Number::doubleValue).toList();
        assertThat(fractions).hasSize(6).isSorted();
        // the first exit costs the stem and block 0 at 32×32 (5,160,960 MACs, 19.4 % of the backbone) plus its head
        assertThat(fractions.get(0)).isBetween(5_160_960.0 / 26_657_408, 0.3);
        BundleManifest m = ModelBundle.readManifest(tmp.resolve("run/ztw"));
        assertThat(m.architecture().channels()).isEqualTo(3);
        assertThat(m.normalization().channels()).isEqualTo(3);
    }
}
