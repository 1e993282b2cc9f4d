package io.zerowaste.core.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One glimpse policy's model: test accuracy and reconstruction RMSE after each glimpse, the stop rule's curve,
 * the share of pixels the stop rule needs to come within 1 point of the full image, and full-image accuracy
 * (the {@code full} policy has empty lists and no start). Since issue 23 every policy runs on one shared model,
 * so {@code fullImageAccuracy}, {@code trainSeconds} and {@code valAccuracy} are that model's; the
 * {@code fixedStart*} lists are the same policy started AME's way (its own fixed first window) instead of at the
 * data-driven start (absent for the random policy, which has no start). {@code stopCurveFullFallback} is the
 * stop rule that answers a sample still unsure after the last glimpse from the full image, and
 * {@code fallbackPixelFractionForFullMinus1} its share of pixels for full − 1 point; {@code pixelFractionByGlimpses}
 * the mean share of pixels seen after 1..T glimpses, which overlapping windows keep below T glimpses' worth (these
 * three are absent from results written before they existed).
 */
public record PolicyMetrics(
        List<Double> accuracyByGlimpses,
        List<StopPoint> stopCurve,
        List<Double> reconstructionRmseByGlimpses,
        @JsonProperty("pixel_fraction_for_full_minus_1") @JsonInclude(JsonInclude.Include.NON_NULL) Double pixelFractionForFullMinus1,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer startPosition,
        double fullImageAccuracy,
        double trainSeconds,
        List<Double> valAccuracy,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Double> fixedStartAccuracyByGlimpses,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Double> fixedStartReconstructionRmseByGlimpses,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<StopPoint> stopCurveFullFallback,
        @JsonProperty("fallback_pixel_fraction_for_full_minus_1") @JsonInclude(JsonInclude.Include.NON_NULL) Double fallbackPixelFractionForFullMinus1,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Double> pixelFractionByGlimpses) {

    /** The pre-issue-23 shape, without the fixed-start lists. */
    public PolicyMetrics(List<Double> accuracyByGlimpses, List<StopPoint> stopCurve, List<Double> reconstructionRmseByGlimpses,
            Double pixelFractionForFullMinus1, Integer startPosition, double fullImageAccuracy, double trainSeconds, List<Double> valAccuracy) {
        this(accuracyByGlimpses, stopCurve, reconstructionRmseByGlimpses, pixelFractionForFullMinus1, startPosition, fullImageAccuracy,
                trainSeconds, valAccuracy, null, null, null, null, null);
    }

    /** One threshold of the stop rule: accuracy and mean share of pixels seen. */
    public record StopPoint(double threshold, double accuracy, double pixelFraction) {}
}
