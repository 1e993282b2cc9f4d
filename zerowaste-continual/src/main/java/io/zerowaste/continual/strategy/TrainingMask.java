package io.zerowaste.continual.strategy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.zerowaste.continual.scenario.Scenario;

/**
 * Which classifier outputs a sample's loss ranges over, as an additive mask (0 allowed, −1e9 not): the
 * classes seen so far (class-il, domain-il), or the classes of the sample's own task (task-il, so replayed
 * samples of an old task keep their own task's outputs).
 */
public final class TrainingMask {

    private static final float OFF = -1e9f;
    private final float[][] rowByLabel;

    private TrainingMask(float[][] rowByLabel) {
        this.rowByLabel = rowByLabel;
    }

    /** The mask while learning experience {@code t}. */
    public static TrainingMask forExperience(Scenario s, int t) {
        int c = s.numClasses();
        float[][] rows = new float[c][];
        boolean taskIl = Scenario.TASK_IL.equals(s.kind());
        boolean[] seen = s.seenThrough(t);
        for (int y = 0; y < c; y++) {
            boolean[] allowed = taskIl && seen[y] ? s.classesOf(s.experienceOfClass(y)) : seen;
            rows[y] = additive(allowed);
        }
        return new TrainingMask(rows);
    }

    /** Every sample may use exactly the {@code allowed} outputs. */
    public static TrainingMask fixed(boolean[] allowed) {
        float[][] rows = new float[allowed.length][];
        java.util.Arrays.fill(rows, additive(allowed));
        return new TrainingMask(rows);
    }

    /** The same additive mask for every sample. */
    public static float[] additive(boolean[] allowed) {
        float[] row = new float[allowed.length];
        for (int k = 0; k < row.length; k++) {
            row[k] = allowed[k] ? 0f : OFF;
        }
        return row;
    }

    /** {@code logits} (N×C) with each sample's disallowed outputs pushed to −1e9. */
    public NDArray apply(NDArray logits, int[] labels) {
        int c = rowByLabel.length;
        float[] m = new float[labels.length * c];
        for (int i = 0; i < labels.length; i++) {
            System.arraycopy(rowByLabel[labels[i]], 0, m, i * c, c);
        }
        return logits.add(logits.getManager().create(m, new Shape(labels.length, c)));
    }
}
