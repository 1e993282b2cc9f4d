package io.zerowaste.continual.plugin;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.zerowaste.continual.model.ContinualNet;
import io.zerowaste.continual.scenario.Scenario;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.nn.eval.Batches;
import io.zerowaste.nn.train.Losses;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Experience replay: a class-balanced memory of M samples chosen by herding in the network's feature space
 * after each experience; every training step adds the cross-entropy of a memory batch as large as the new
 * batch (drawn with a seeded generator), so each update sees new and old classes in equal measure.
 */
public final class ReplayPlugin implements ContinualPlugin {

    /** The memory's file name inside a checkpoint (or a model bundle) folder. */
    public static final String FILE = "memory.bin";
    private final ExemplarMemory memory;
    private ImageSet stored;

    public ReplayPlugin(int capacity) {
        this.memory = new ExemplarMemory(capacity);
    }

    public ExemplarMemory memory() {
        return memory;
    }

    @Override
    public NDArray penalty(StepEvent e) {
        if (stored == null) {
            return null;
        }
        var ctx = e.experience().context();
        int n = Math.min(e.labels().length, stored.size());
        Random rnd = new Random(ctx.seed("replay/experience-" + e.experience().experience().index() + "/step-" + e.step()));
        int[] pick = IntStream.generate(() -> rnd.nextInt(stored.size())).limit(n).toArray();
        ImageSet batch = stored.subset(pick);
        BatchAssembler data = new BatchAssembler(batch, ctx.normalization());
        NDManager m = e.x().getManager();
        NDArray x = Batches.inOrder(m, data, 0, n);
        NDArray logits = e.experience().net().forward(e.ps(), new NDList(x), true).singletonOrThrow();
        ctx.meter().trained(n);
        return Losses.crossEntropy(e.mask().apply(logits, batch.labels()), m.create(batch.labels()));
    }

    @Override
    public void afterExperience(ExperienceEvent e) {
        ImageSet images = e.experience().train();
        float[][] features = e.net().featuresOf(images, e.context().normalization(), e.context().manager());
        e.context().meter().inferred(images.size());
        boolean domain = Scenario.DOMAIN_IL.equals(e.context().scenario().kind());
        Map<String, ImageSet> ranked = new LinkedHashMap<>();
        int share = memoryShare(e);
        for (int c : e.experience().classes()) {
            int[] idx = IntStream.range(0, images.size()).filter(i -> images.labels()[i] == c).toArray();
            float[][] f = new float[idx.length][];
            for (int k = 0; k < idx.length; k++) {
                f[k] = features[idx[k]];
            }
            int[] order = Herding.select(f, share);
            int[] chosen = new int[order.length];
            for (int k = 0; k < order.length; k++) {
                chosen[k] = idx[order[k]];
            }
            ranked.put((domain ? "experience-" + e.experience().index() + "/" : "") + "class-" + c, images.subset(chosen));
        }
        memory.add(ranked);
        stored = memory.all();
    }

    /** The most a new group can keep: its even share of M once it joins. */
    private int memoryShare(ExperienceEvent e) {
        int groups = memory.groups().size() + e.experience().classes().length;
        return (int) Math.ceil((double) memory.capacity() / groups);
    }

    @Override
    public void save(Path dir) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve(FILE)))) {
            out.writeInt(memory.groups().size());
            for (Map.Entry<String, ImageSet> g : memory.groups().entrySet()) {
                ImageSet s = g.getValue();
                out.writeUTF(g.getKey());
                out.writeInt(s.size());
                if (s.channels() != 1) {
                    out.writeInt(-s.channels()); // a negative entry before rows: colour; grey files are as they always were
                }
                out.writeInt(s.rows());
                out.writeInt(s.cols());
                for (int l : s.labels()) {
                    out.writeInt(l);
                }
                out.write(s.pixels());
            }
        }
    }

    @Override
    public void restore(Path dir, ExperienceEvent e) throws IOException {
        Map<String, ImageSet> groups = new LinkedHashMap<>();
        try (DataInputStream in = new DataInputStream(Files.newInputStream(dir.resolve(FILE)))) {
            int g = in.readInt();
            for (int k = 0; k < g; k++) {
                String key = in.readUTF();
                int n = in.readInt();
                int first = in.readInt();
                int channels = first < 0 ? -first : 1;
                int rows = first < 0 ? in.readInt() : first;
                int cols = in.readInt();
                int[] labels = new int[n];
                for (int i = 0; i < n; i++) {
                    labels[i] = in.readInt();
                }
                byte[] px = new byte[n * channels * rows * cols];
                in.readFully(px);
                groups.put(key, new ImageSet(px, labels, channels, rows, cols));
            }
        }
        memory.groups().clear();
        memory.add(groups);
        stored = memory.all();
    }
}
