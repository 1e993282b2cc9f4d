package io.zerowaste.core.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * {@code glimpse train}: one model, one {@link PolicyMetrics} per policy evaluated on it, and what the model
 * costs. Fields after {@code policies} are absent from results written before issue 23.
 *
 * @param trainPolicy "subsets" (random glimpse subsets) or the policy trained in the loop
 * @param stepsDone optimizer steps taken (fewer than the budget when early stopping ended training)
 * @param bestRound the validation round whose parameters were kept (0-based)
 * @param encoderMacsByGlimpses encoder + classifier MACs per image after 1..T non-overlapping glimpses
 * @param encoderMacsFullImage the same with every patch seen
 * @param decoderMacs the decoder's MACs per image (needed for reconstruction and the entropy policy only)
 * @param evalImagesPerSecond measured classification throughput (encoder + classifier) after "1", "4", "8"
 *     random glimpses and on the "full" image, one run, one process
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GlimpseMetrics(Map<String, PolicyMetrics> policies, String trainPolicy, Integer stepsBudget, Integer stepsDone,
        Integer bestRound, Boolean stoppedEarly, Double fullImageAccuracy, Double trainSeconds, List<Long> encoderMacsByGlimpses,
        Long encoderMacsFullImage, Long decoderMacs, Map<String, Double> evalImagesPerSecond) {

    /** The pre-issue-23 shape: policies only. */
    public GlimpseMetrics(Map<String, PolicyMetrics> policies) {
        this(policies, null, null, null, null, null, null, null, null, null, null, null);
    }
}
