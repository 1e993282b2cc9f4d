package io.zerowaste.nn;

import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.DatasetLocator;
import java.nio.file.Path;

/** The committed 1,000 + 200 image Fashion-MNIST fixture. */
final class Fixture {

    static final Path DIR = Path.of(System.getProperty("zerowaste.fixture",
            "../zerowaste-core/src/test/resources/fashion-mnist-mini"));

    private Fixture() {}

    static Dataset load() {
        return DatasetLocator.load(DIR);
    }
}
