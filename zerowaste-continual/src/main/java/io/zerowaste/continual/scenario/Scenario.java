package io.zerowaste.continual.scenario;

import io.zerowaste.core.data.ImageSet;
import java.util.Arrays;
import java.util.List;

/**
 * A sequence of experiences over one growing classifier of {@code numClasses} outputs.
 *
 * @param kind class-il, task-il or domain-il
 */
public record Scenario(String kind, List<Experience> experiences, int numClasses) {

    public static final String CLASS_IL = "class-il";
    public static final String TASK_IL = "task-il";
    public static final String DOMAIN_IL = "domain-il";

    public int size() {
        return experiences.size();
    }

    public Experience get(int t) {
        return experiences.get(t);
    }

    /** Classes seen in experiences 0..t. */
    public boolean[] seenThrough(int t) {
        boolean[] seen = new boolean[numClasses];
        for (int u = 0; u <= t; u++) {
            for (int c : experiences.get(u).classes()) {
                seen[c] = true;
            }
        }
        return seen;
    }

    /** Classes of experience t only. */
    public boolean[] classesOf(int t) {
        boolean[] own = new boolean[numClasses];
        for (int c : experiences.get(t).classes()) {
            own[c] = true;
        }
        return own;
    }

    /**
     * The classes a prediction may choose from when experience {@code u} is tested after training through
     * {@code t}: task-il knows the task (u's classes); otherwise every class seen so far.
     */
    public boolean[] allowedAtTest(int t, int u, boolean taskAware) {
        return taskAware ? classesOf(u) : seenThrough(t);
    }

    /** The classes the training loss ranges over while learning experience t (task-il: the task's own). */
    public boolean[] allowedInTraining(int t) {
        return TASK_IL.equals(kind) ? classesOf(t) : seenThrough(t);
    }

    /** The training images of experiences 0..t together. */
    public ImageSet trainThrough(int t) {
        ImageSet all = experiences.get(0).train();
        for (int u = 1; u <= t; u++) {
            all = all.concat(experiences.get(u).train());
        }
        return all;
    }

    /** The experience whose classes include {@code label} (class-il and task-il), for per-sample masks. */
    public int experienceOfClass(int label) {
        for (Experience e : experiences) {
            if (Arrays.stream(e.classes()).anyMatch(c -> c == label)) {
                return e.index();
            }
        }
        throw new IllegalArgumentException("class " + label + " is in no experience");
    }
}
