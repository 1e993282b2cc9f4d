package io.zerowaste.lifecycle.demo;

import io.zerowaste.continual.scenario.Experience;
import io.zerowaste.continual.scenario.Scenario;
import io.zerowaste.continual.scenario.ScenarioBuilder;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.IdxWriter;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.core.io.AtomicFiles;
import io.zerowaste.lifecycle.update.UpdateData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The continual module's scenario (class-il 5 × 2 or domain-il by default) as the data a lifecycle sees arrive.
 * Class-incremental: labels are renumbered in order of arrival (experience 0's classes become ids 0 and 1, …),
 * since a bundle's classes are ids 0..K−1 and new ones continue the range; the names follow. Domain-incremental:
 * every experience holds every class, under its own pixel permutation.
 */
public final class DemoScenario {

    /** Experience t: every training image of it (the update holds its own validation out), its test images, the names of ids so far. */
    public record Step(int index, ImageSet train, ImageSet test, List<String> classNames) {}

    private final List<Step> steps = new ArrayList<>();
    private final String kind;

    public DemoScenario(Dataset data, String kind, int experiences, long seed, int trainLimit, int testLimit) {
        this.kind = kind;
        ImageSet train = trainLimit > 0 ? data.train().head(trainLimit) : data.train();
        ImageSet test = testLimit > 0 ? data.test().head(testLimit) : data.test();
        Scenario s = ScenarioBuilder.build(kind, experiences, train, test, data.numClasses(), seed);
        int[] newId = new int[data.numClasses()];
        List<String> order = new ArrayList<>();
        boolean classIl = Scenario.CLASS_IL.equals(kind);
        for (int c = 0; c < newId.length; c++) {
            newId[c] = c;
        }
        if (!classIl) {
            order.addAll(data.classNames());
        }
        for (Experience e : s.experiences()) {
            for (int c : classIl ? e.classes() : new int[0]) {
                newId[c] = order.size();
                order.add(data.classNames().get(c));
            }
            ImageSet tr = relabel(e.train().concat(e.validation()), newId);
            steps.add(new Step(e.index(), tr, relabel(e.test(), newId), List.copyOf(order)));
        }
    }

    public String kind() {
        return kind;
    }

    public int size() {
        return steps.size();
    }

    public Step get(int t) {
        return steps.get(t);
    }

    /** The test images of every experience through {@code t}: "everything seen so far". */
    public ImageSet testThrough(int t) {
        ImageSet all = steps.get(0).test();
        for (int u = 1; u <= t; u++) {
            all = all.concat(steps.get(u).test());
        }
        return all;
    }

    public ImageSet trainThrough(int t) {
        ImageSet all = steps.get(0).train();
        for (int u = 1; u <= t; u++) {
            all = all.concat(steps.get(u).train());
        }
        return all;
    }

    /** Writes experience t as the folder {@code zerowaste update --data} reads: training IDX files and classes.txt. */
    public Path writeFolder(int t, Path dir) {
        Step s = steps.get(t);
        IdxWriter.write(dir, "train", s.train());
        AtomicFiles.write(dir.resolve(UpdateData.CLASS_NAMES_FILE), (String.join("\n", s.classNames()) + "\n").getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        return dir;
    }

    private static ImageSet relabel(ImageSet s, int[] newId) {
        int[] labels = new int[s.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = newId[s.labels()[i]];
        }
        return new ImageSet(s.pixels(), labels, s.rows(), s.cols());
    }
}
