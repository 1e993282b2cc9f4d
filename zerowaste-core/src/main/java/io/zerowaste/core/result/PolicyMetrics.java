package io.zerowaste.core.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One glimpse policy's model: test accuracy and reconstruction RMSE after each glimpse, the stop rule's curve,
 * the share of pixels the stop rule needs to come within 1 point of the full image, and full-image accuracy
 * (the {@code full} policy has empty lists and no start).
 */
public record PolicyMetrics(
        List<Double> accuracyByGlimpses,
        List<StopPoint> stopCurve,
        List<Double> reconstructionRmseByGlimpses,
        @JsonProperty("pixel_fraction_for_full_minus_1") @JsonInclude(JsonInclude.Include.NON_NULL) Double pixelFractionForFullMinus1,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer startPosition,
        double fullImageAccuracy,
        double trainSeconds,
        List<Double> valAccuracy) {

    /** One threshold of the stop rule: accuracy and mean share of pixels seen. */
    public record StopPoint(double threshold, double accuracy, double pixelFraction) {}
}
