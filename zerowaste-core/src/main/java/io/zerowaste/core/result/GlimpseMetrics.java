package io.zerowaste.core.result;

import java.util.Map;

/** {@code glimpse train}: one {@link PolicyMetrics} per glimpse policy trained. */
public record GlimpseMetrics(Map<String, PolicyMetrics> policies) {}
