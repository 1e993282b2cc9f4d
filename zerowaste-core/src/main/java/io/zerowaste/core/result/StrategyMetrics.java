package io.zerowaste.core.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One continual strategy: the test accuracy matrix R[t][u] and its summaries (null until every experience is
 * done; task-aware ones for task-il), the validation matrix choices are made on, and the compute spent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StrategyMetrics(
        int experiencesDone,
        List<double[]> accuracyMatrix,
        Double finalAverageAccuracy,
        Double averageIncrementalAccuracy,
        Double forgetting,
        Double bwt,
        @JsonInclude(JsonInclude.Include.ALWAYS) Double fwt,
        List<double[]> taskAwareAccuracyMatrix,
        Double taskAwareFinalAverageAccuracy,
        Double taskAwareAverageIncrementalAccuracy,
        Double taskAwareForgetting,
        Double taskAwareBwt,
        List<double[]> validationAccuracyMatrix,
        Double validationFinalAverageAccuracy,
        Double validationAverageIncrementalAccuracy,
        long trainMacs,
        double trainSeconds,
        List<Double> experienceSeconds,
        long steps,
        @JsonInclude(JsonInclude.Include.ALWAYS) Double computeRatioToScratch,
        @JsonInclude(JsonInclude.Include.ALWAYS) Long stepsToScratchAccuracy) {

    /** The accuracy strategies are compared on: task-aware in task-incremental runs. */
    public Double primaryFinalAccuracy() {
        return taskAwareFinalAverageAccuracy != null ? taskAwareFinalAverageAccuracy : finalAverageAccuracy;
    }
}
