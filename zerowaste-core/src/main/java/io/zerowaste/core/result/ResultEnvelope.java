package io.zerowaste.core.result;

import io.zerowaste.core.provenance.Provenance;
import java.util.Map;

/**
 * The {@code results.json} every evaluating command writes: which kind of run, the run id, the provenance, the
 * config and the metrics, a typed record per kind ({@link ResultKind#metricsType()}). Read one with {@link Results}.
 *
 * @param <M> the metrics record of the kind
 */
public record ResultEnvelope<M>(ResultKind kind, String runId, Provenance provenance, Map<String, Object> config, M metrics) {

    public static final String FILE_NAME = "results.json";
}
