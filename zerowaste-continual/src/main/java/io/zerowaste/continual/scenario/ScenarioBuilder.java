package io.zerowaste.continual.scenario;

import io.zerowaste.core.Seeds;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.core.data.Split;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Builds scenarios from a training and a test set (DESIGN §7). Class- and task-incremental: the classes in a
 * seeded order, split into T consecutive groups. Domain-incremental: every class in every experience, each
 * experience under its own seeded pixel permutation (experience 0 unpermuted); each takes a disjoint 1/T of
 * the training images (so the three scenarios train on the same number of images) and the whole test set.
 * In every scenario a seeded 1/12 of each experience's training images is held out as its validation set.
 */
public final class ScenarioBuilder {

    private ScenarioBuilder() {}

    public static Scenario build(String kind, int experiences, ImageSet train, ImageSet test, int numClasses, long seed) {
        return switch (kind) {
            case Scenario.CLASS_IL, Scenario.TASK_IL -> byClasses(kind, experiences, train, test, numClasses, seed);
            case Scenario.DOMAIN_IL -> byPermutations(experiences, train, test, numClasses, seed);
            default -> throw ZeroWasteException.badInput("unknown scenario '" + kind + "' (use class-il, task-il or domain-il)");
        };
    }

    /** The seeded class order: a permutation of 0..numClasses−1. */
    public static int[] classOrder(int numClasses, long seed) {
        return Split.permutation(numClasses, new Random(Seeds.split(seed, "continual/class-order")));
    }

    private static Scenario byClasses(String kind, int t, ImageSet train, ImageSet test, int numClasses, long seed) {
        if (t > numClasses) {
            throw ZeroWasteException.badInput("--experiences " + t + " exceeds the " + numClasses
                    + " classes: each experience needs at least one class");
        }
        int[] order = classOrder(numClasses, seed);
        List<Experience> list = new ArrayList<>();
        int from = 0;
        for (int e = 0; e < t; e++) {
            int count = numClasses / t + (e < numClasses % t ? 1 : 0);
            int[] classes = Arrays.copyOfRange(order, from, from + count);
            from += count;
            list.add(experience(e, classes, withLabels(train, classes), withLabels(test, classes), seed));
        }
        return new Scenario(kind, list, numClasses);
    }

    private static Scenario byPermutations(int t, ImageSet train, ImageSet test, int numClasses, long seed) {
        int[] all = new int[numClasses];
        Arrays.setAll(all, i -> i);
        int[] shuffled = Split.permutation(train.size(), new Random(Seeds.split(seed, "continual/domain-shares")));
        List<Experience> list = new ArrayList<>();
        for (int e = 0; e < t; e++) {
            int[] perm = pixelPermutation(e, train.imageSize(), seed);
            int from = (int) ((long) train.size() * e / t);
            int to = (int) ((long) train.size() * (e + 1) / t);
            int[] share = Arrays.copyOfRange(shuffled, from, to);
            Arrays.sort(share);
            list.add(experience(e, all, train.subset(share).permutePixels(perm), test.permutePixels(perm), seed));
        }
        return new Scenario(Scenario.DOMAIN_IL, list, numClasses);
    }

    /** Experience e with a seeded 1/12 of its training images held out for validation. */
    private static Experience experience(int e, int[] classes, ImageSet train, ImageSet test, long seed) {
        Split split = Split.of(train, Seeds.split(seed, "continual/validation-" + e));
        return new Experience(e, classes, split.train(), split.validation(), test);
    }

    /** Experience e's pixel permutation: the identity for e = 0. */
    public static int[] pixelPermutation(int e, int pixels, long seed) {
        if (e == 0) {
            int[] id = new int[pixels];
            Arrays.setAll(id, i -> i);
            return id;
        }
        return Split.permutation(pixels, new Random(Seeds.split(seed, "continual/permutation-" + e)));
    }

    private static ImageSet withLabels(ImageSet set, int[] classes) {
        boolean[] keep = new boolean[Math.max(set.numClasses(), Arrays.stream(classes).max().orElse(0) + 1)];
        for (int c : classes) {
            keep[c] = true;
        }
        int[] idx = java.util.stream.IntStream.range(0, set.size()).filter(i -> keep[set.labels()[i]]).toArray();
        return set.subset(idx);
    }
}
