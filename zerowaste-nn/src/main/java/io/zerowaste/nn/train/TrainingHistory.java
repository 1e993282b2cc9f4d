package io.zerowaste.nn.train;

import java.util.ArrayList;
import java.util.List;

/** Per-epoch figures of a run, kept across resumes. */
/**
 * @param epochSeconds wall time of each epoch, evaluation included
 * @param stepSeconds time of each epoch's training steps alone (for samples/s)
 * @param samples training samples seen in each epoch
 */
public record TrainingHistory(List<Double> trainLoss, List<Double> valAccuracy, List<Double> epochSeconds,
        List<Double> stepSeconds, List<Integer> samples) {

    public static TrainingHistory empty() {
        return new TrainingHistory(List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** Whether every list is there, of one length and without holes (a history read from a file may not be). */
    public boolean isWellFormed() {
        if (valAccuracy == null) {
            return false;
        }
        List<List<?>> all = java.util.Arrays.asList(trainLoss, valAccuracy, epochSeconds, stepSeconds, samples);
        return all.stream().allMatch(l -> l != null && l.size() == valAccuracy.size() && l.stream().allMatch(java.util.Objects::nonNull));
    }

    public int epochsDone() {
        return valAccuracy.size();
    }

    public double trainSeconds() {
        return epochSeconds.stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Training samples per second over the training steps of every epoch so far. */
    public double samplesPerSecond() {
        double secs = stepSeconds.stream().mapToDouble(Double::doubleValue).sum();
        return secs == 0 ? 0 : samples.stream().mapToInt(Integer::intValue).sum() / secs;
    }

    /** This history with one more epoch (or validation round) appended. */
    public TrainingHistory plus(double loss, double acc, double seconds, double steps, int n) {
        return new TrainingHistory(append(trainLoss, loss), append(valAccuracy, acc), append(epochSeconds, seconds),
                append(stepSeconds, steps), append(samples, n));
    }

    private static <T> List<T> append(List<T> list, T value) {
        List<T> out = new ArrayList<>(list);
        out.add(value);
        return List.copyOf(out);
    }
}
