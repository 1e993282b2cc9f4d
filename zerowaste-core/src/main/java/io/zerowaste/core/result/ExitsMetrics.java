package io.zerowaste.core.result;

import java.util.List;
import java.util.Map;

/**
 * {@code exits train} and {@code exits eval}: the backbone's accuracy and cost, each exit's cost as a fraction of
 * the backbone, and one {@link MethodMetrics} per early-exit method.
 */
public record ExitsMetrics(Double backboneTestAccuracy, Double backboneValAccuracy, long backboneMacs, List<Double> headCostFraction,
        Map<String, MethodMetrics> methods) {}
