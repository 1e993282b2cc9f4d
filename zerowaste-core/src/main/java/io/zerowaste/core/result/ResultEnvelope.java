package io.zerowaste.core.result;

import java.util.Map;
import io.zerowaste.core.provenance.Provenance;

/**
 * The {@code results.json} every evaluating command writes: which pillar ({@code kind}), the run id, the
 * provenance, the config and the metrics (keys fixed by each pillar's issue).
 */
public record ResultEnvelope(String kind, String runId, Provenance provenance, Map<String, Object> config,
        Map<String, Object> metrics) {

    public static final String FILE_NAME = "results.json";
}
