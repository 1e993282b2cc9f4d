package io.zerowaste.nn.engine;

import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.provenance.ProjectInfo;
import io.zerowaste.core.provenance.Provenance;
import java.time.Instant;
import java.util.Map;

/** Fills a provenance record with the engine's versions and the machine's facts. */
public final class Provenances {

    private Provenances() {}

    public static Provenance start(Map<String, Object> config, long seed, Dataset dataset) {
        return new Provenance(config, seed, dataset == null ? null : dataset.name(),
                dataset == null ? null : dataset.contentHash(), ProjectInfo.version(), ProjectInfo.gitCommit(),
                Engines.djlVersion(), Engines.pytorchVersion(), System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version"), Instant.now().toString(), 0);
    }
}
