package io.zerowaste.exits.predict;

/** One sample's answer: the class, its probability, the exit that gave it and what it cost (fraction of the backbone). */
public record ExitPrediction(int label, float confidence, int exitHead, double costFraction) {}
