package io.zerowaste.core.metrics;

/** One setting of an exit policy's parameter: its accuracy and mean cost (fraction of the backbone). */
public record CurvePoint(double param, double accuracy, double costFraction) {}
