package io.zerowaste.core.result;

import java.util.List;

/** {@code eval}: a bundle's test accuracy, overall and per class (null for a class with no test image). */
public record BackboneEvalMetrics(double testAccuracy, List<Double> perClassAccuracy, int samples) {}
