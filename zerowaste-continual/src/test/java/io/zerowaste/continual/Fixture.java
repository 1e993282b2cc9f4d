package io.zerowaste.continual;

import io.zerowaste.core.config.ContinualConfig;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.DatasetLocator;
import java.nio.file.Path;
import java.util.List;

/** The committed 1,000 + 200 image Fashion-MNIST fixture, and small run settings for it. */
final class Fixture {

    static final Path DIR = Path.of(System.getProperty("zerowaste.fixture", "../zerowaste-core/src/test/resources/fashion-mnist-mini"));

    private Fixture() {}

    static Dataset load() {
        return DatasetLocator.load(DIR);
    }

    /** Five experiences, one epoch, a 100-sample memory, 2 experts. */
    static ContinualConfig config(String scenario, List<String> strategies, String backbone) {
        return ContinualConfig.builder().optScenario(scenario).optStrategies(strategies).optBackbone(backbone)
                .optEpochs(1).optBatchSize(64).optMemory(100).optExperts(2).build();
    }
}
