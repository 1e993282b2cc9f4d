package io.zerowaste.core.result;

import java.util.List;

/**
 * {@code lifecycle demo}: one {@link LifecycleVersion} per model version (version 1 is the initial model),
 * and what the clients of the server saw over the whole run.
 *
 * @param scenario class-il or domain-il
 * @param strategy how every update trained the backbone (replay, cumulative or finetune)
 * @param serving the steady-state and swap latencies and status codes, null when nothing was served
 */
public record LifecycleMetrics(String scenario, String strategy, List<LifecycleVersion> versions, LifecycleServing serving) {

    public LifecycleMetrics {
        versions = List.copyOf(versions);
    }
}
