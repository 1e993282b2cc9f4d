package io.zerowaste.core.result;

import java.util.Map;

/**
 * What the load generator saw over a whole lifecycle run.
 *
 * @param concurrency requests in flight at most
 * @param status every answer's HTTP status code, counted ("error": transport errors, no answer at all)
 * @param steadyP99Ms the 99th latency percentile of requests answered outside every swap
 * @param swapP99Ms the same for requests answered while a swap was under way
 * @param staleAnswers answers naming a model version the server had not yet finished loading (must be 0)
 */
public record LifecycleServing(int concurrency, long requests, Map<String, Long> status, double steadyP50Ms, double steadyP99Ms,
        double swapP99Ms, long staleAnswers, String server) {

    public LifecycleServing {
        status = Map.copyOf(status);
    }

    /** Answers with a 5xx code other than 503 (backpressure), plus transport errors: must be 0. */
    public long failures() {
        return status.entrySet().stream()
                .filter(e -> e.getKey().equals("error") || (e.getKey().startsWith("5") && !e.getKey().equals("503")))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
