package io.zerowaste.core.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One model version of a lifecycle run.
 *
 * @param classesSeen how many classes the version predicts
 * @param accuracy test accuracy at the calibrated threshold, on the test images of every class (domain) seen so far
 * @param backboneAccuracy the same images through the whole backbone (no early exit)
 * @param threshold the exit threshold recalibrated for this version
 * @param costFraction mean cost at that threshold on the same test images, as a fraction of the plain backbone
 * @param trainingMacs what making this version cost (for version 1: training the initial model)
 * @param scratchMacs what retraining backbone, heads and ensembles from scratch on everything seen would cost
 *     (the initial model's recipe); the saving is {@code trainingMacs / scratchMacs}
 * @param lineageMacs {@code trainingMacs} summed over this version and its ancestors
 * @param scratchAccuracy accuracy of a model retrained from scratch on everything seen, when the run measured it
 * @param swapSeconds from publishing the version to the server answering with it (null for the first version)
 * @param swapStatus HTTP status codes of the requests answered while the swap was under way ("error": transport errors)
 * @param swapP99Ms the 99th latency percentile of those requests
 */
public record LifecycleVersion(int version, String id, String parent, int classesSeen, List<String> newClasses, int trainImages,
        double accuracy, double backboneAccuracy, double threshold, double costFraction, long trainingMacs, long scratchMacs,
        long lineageMacs, double trainSeconds,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double scratchAccuracy,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long scratchTrainingMacsMeasured,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double swapSeconds,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Long> swapStatus,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double swapP99Ms) {

    public LifecycleVersion {
        newClasses = newClasses == null ? List.of() : List.copyOf(newClasses);
    }

    /** This version's training MACs over retraining from scratch on everything seen. */
    public double macsRatio() {
        return scratchMacs <= 0 ? Double.NaN : (double) trainingMacs / scratchMacs;
    }

    /** The same version with the swap it was served by. */
    public LifecycleVersion withSwap(double seconds, Map<String, Long> status, double p99Ms) {
        return new LifecycleVersion(version, id, parent, classesSeen, newClasses, trainImages, accuracy, backboneAccuracy, threshold,
                costFraction, trainingMacs, scratchMacs, lineageMacs, trainSeconds, scratchAccuracy, scratchTrainingMacsMeasured, seconds,
                Map.copyOf(status), p99Ms);
    }

    /** The same version with a from-scratch model's accuracy and measured training MACs beside it. */
    public LifecycleVersion withScratch(double acc, long macs) {
        return new LifecycleVersion(version, id, parent, classesSeen, newClasses, trainImages, accuracy, backboneAccuracy, threshold,
                costFraction, trainingMacs, scratchMacs, lineageMacs, trainSeconds, acc, macs, swapSeconds, swapStatus, swapP99Ms);
    }
}
