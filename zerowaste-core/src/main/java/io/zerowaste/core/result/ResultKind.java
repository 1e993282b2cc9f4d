package io.zerowaste.core.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.zerowaste.core.ZeroWasteException;

/** What a {@code results.json} holds, and so which metrics record its {@code metrics} object reads into. */
public enum ResultKind {
    BACKBONE("backbone", BackboneMetrics.class),
    BACKBONE_EVAL("backbone-eval", BackboneEvalMetrics.class),
    EXITS("exits", ExitsMetrics.class),
    CONTINUAL("continual", ContinualRunMetrics.class),
    GLIMPSE("glimpse", GlimpseMetrics.class),
    LIFECYCLE("lifecycle", LifecycleMetrics.class);

    private final String label;
    private final Class<?> metricsType;

    ResultKind(String label, Class<?> metricsType) {
        this.label = label;
        this.metricsType = metricsType;
    }

    /** The name written to {@code "kind"}. */
    @JsonValue
    public String label() {
        return label;
    }

    public Class<?> metricsType() {
        return metricsType;
    }

    @JsonCreator
    public static ResultKind of(String label) {
        for (ResultKind k : values()) {
            if (k.label.equals(label)) {
                return k;
            }
        }
        throw ZeroWasteException.badInput("unknown result kind '" + label + "' (this version reads backbone, backbone-eval, exits, "
                + "continual, glimpse and lifecycle results)");
    }
}
