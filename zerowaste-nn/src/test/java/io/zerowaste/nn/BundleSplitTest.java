package io.zerowaste.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.DatasetLocator;
import io.zerowaste.core.data.Split;
import io.zerowaste.core.provenance.Provenance;
import io.zerowaste.nn.bundle.BundleManifest;
import io.zerowaste.nn.bundle.BundleSplit;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BundleSplitTest {

    private final Dataset data = DatasetLocator.load(Path.of(System.getProperty("zerowaste.fixture")));
    private final Path dir = Path.of("runs/x/model");

    @Test
    void usesTheBundlesOwnSeedNotTheNewRunsOne() {
        Split split = BundleSplit.onTrainingData(manifest(data.contentHash(), 7), data, dir);
        assertThat(split.validation().labels()).isEqualTo(Split.of(data.train(), 7).validation().labels());
        assertThat(split.validation().labels()).isNotEqualTo(Split.of(data.train(), 0).validation().labels());
    }

    @Test
    void refusesOtherDataInOneLineNamingTheFix() {
        assertThatThrownBy(() -> BundleSplit.onTrainingData(manifest("0123abcd", 7), data, dir))
                .isInstanceOf(ZeroWasteException.class)
                .hasMessageContaining("was trained on").hasMessageContaining("--data").hasMessageNotContaining("\n");
    }

    @Test
    void refusesABundleThatDoesNotRecordItsData() {
        assertThatThrownBy(() -> BundleSplit.onTrainingData(manifest(null, 7), data, dir))
                .isInstanceOf(ZeroWasteException.class).hasMessageContaining("does not record the data");
    }

    private static BundleManifest manifest(String hash, long seed) {
        Provenance p = new Provenance(Map.of(), seed, "fashion-mnist", hash, null, null, null, null, null, null, null, null, 0);
        return new BundleManifest(1, "backbone", null, null, null, Map.of(), 0, null, null, p, Map.of(), Map.of());
    }
}
