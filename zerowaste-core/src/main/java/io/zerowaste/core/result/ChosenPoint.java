package io.zerowaste.core.result;

/** One chosen exit setting: its test accuracy and cost, and the validation figures it was chosen on. */
public record ChosenPoint(double param, double accuracy, double costFraction, double validationAccuracy, double validationCostFraction) {}
