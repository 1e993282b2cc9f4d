package io.zerowaste.core.result;

import java.util.List;

/** {@code train}: a backbone's training time and speed, validation accuracy per epoch, test accuracy, size. */
public record BackboneMetrics(double trainSeconds, double samplesPerSecond, List<Double> valAccuracy, double testAccuracy, long macs,
        long params) {}
