package io.zerowaste.continual.app;

import java.util.ArrayList;
import java.util.List;

/**
 * A strategy's results so far, saved with its checkpoint after each experience.
 *
 * @param matrix rows R[t] (task-agnostic) for the experiences done
 * @param taskAwareMatrix rows for task-il (empty otherwise)
 * @param probe (steps, accuracy) points recorded during the last experience
 * @param validationMatrix rows on the validation sets, task-aware for task-il (empty in checkpoints older than it)
 */
public record StrategyProgress(int done, List<double[]> matrix, List<double[]> taskAwareMatrix, long steps, long macs,
        List<Double> experienceSeconds, List<double[]> probe, List<double[]> validationMatrix) {

    public StrategyProgress {
        validationMatrix = validationMatrix == null ? List.of() : validationMatrix;
    }

    public static StrategyProgress empty() {
        return new StrategyProgress(0, List.of(), List.of(), 0, 0, List.of(), List.of(), List.of());
    }

    public StrategyProgress plus(double[] row, double[] taskAwareRow, double[] validationRow, long steps, long macs, double seconds,
            List<double[]> probe) {
        List<double[]> m = new ArrayList<>(matrix);
        m.add(row);
        List<double[]> ta = new ArrayList<>(taskAwareMatrix);
        if (taskAwareRow != null) {
            ta.add(taskAwareRow);
        }
        List<Double> s = new ArrayList<>(experienceSeconds);
        s.add(seconds);
        List<double[]> p = new ArrayList<>(this.probe);
        p.addAll(probe);
        List<double[]> v = new ArrayList<>(validationMatrix);
        v.add(validationRow);
        return new StrategyProgress(done + 1, m, ta, steps, macs, s, p, v);
    }

    public double seconds() {
        return experienceSeconds.stream().mapToDouble(Double::doubleValue).sum();
    }

    public double[][] matrixArray() {
        return matrix.toArray(double[][]::new);
    }

    public double[][] validationArray() {
        return validationMatrix.toArray(double[][]::new);
    }

    public double[][] taskAwareArray() {
        return taskAwareMatrix.toArray(double[][]::new);
    }
}
