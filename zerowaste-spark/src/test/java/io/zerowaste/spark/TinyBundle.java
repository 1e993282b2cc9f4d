package io.zerowaste.spark;

import io.zerowaste.core.config.ExitsConfig;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.DatasetLocator;
import io.zerowaste.exits.app.ExitsTraining;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One tiny ZTW bundle trained on the committed fixture, shared by this module's test classes (one JVM). */
public final class TinyBundle {

    public static final Path FIXTURE = Path.of(System.getProperty("zerowaste.fixture",
            "../zerowaste-core/src/test/resources/fashion-mnist-mini"));

    private static Dataset data;
    private static Path bundle;

    private TinyBundle() {}

    public static synchronized Dataset data() {
        if (data == null) {
            data = DatasetLocator.load(FIXTURE);
        }
        return data;
    }

    public static synchronized Path dir() {
        if (bundle == null) {
            try {
                Path run = Files.createTempDirectory("zerowaste-spark-test-");
                ExitsConfig cfg = ExitsConfig.defaults().withMethods(List.of("ztw")).withBackboneEpochs(1).withHeadEpochs(1)
                        .withEnsembleEpochs(2).withEnsembleBatch(128).withBatchSize(64).withTrainLimit(400);
                bundle = ExitsTraining.run(data(), cfg, run.resolve("run"), List.of(), s -> { }).bundles().get("ztw");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bundle;
    }
}
