package io.zerowaste.core.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * {@code continual run}: one {@link StrategyMetrics} per strategy, in the order they ran.
 *
 * @param freshTaskAwareAccuracy task-il only: a freshly initialised network's accuracy per experience (FWT's b_u)
 */
public record ContinualRunMetrics(@JsonInclude(JsonInclude.Include.NON_NULL) List<Double> freshTaskAwareAccuracy,
        Map<String, StrategyMetrics> strategies) {}
