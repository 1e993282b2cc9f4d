package io.zerowaste.continual.plugin;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.zerowaste.continual.model.ContinualNet;
import io.zerowaste.continual.strategy.TrainingMask;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.core.data.Split;
import io.zerowaste.nn.train.Losses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import io.zerowaste.nn.train.Scalars;

/**
 * Elastic weight consolidation: loss + (λ/2)·Σ_k F_k (θ_k − θ*_k)², θ* the weights after the latest experience.
 *
 * <p>After experience t the diagonal empirical Fisher F_t (squared per-sample gradients of the log-likelihood
 * of the true label, averaged over up to {@link #FISHER_SAMPLES} of the experience's images) is normalised
 * once, to a largest entry of 1 (F̂_t), and the experiences are combined as online EWC's decayed sum
 * (Schwarz et al. 2018) divided by its total weight: F = Σ_t γ^(T−1−t)·F̂_t / Σ_t γ^(T−1−t). γ = 1 weighs every
 * experience alike; γ &lt; 1 lets old ones fade. An old experience's share is γ^age over the total weight,
 * whatever the raw scale of later Fishers, and no entry of F exceeds 1.
 *
 * <p>Why normalise, and divide by the total weight: the penalty is a quadratic of curvature λ·F_k, and SGD with
 * momentum μ diverges once lr·λ·F_k exceeds 2(1+μ). Raw Fishers' largest entries depend on the data and the
 * network (λ = 100 ran fine on one seed and diverged on another: class-il seed 1, experience 3), and a plain
 * sum of normalised Fishers grows with the number of experiences (domain-il diverged at experience 5 with
 * λ = 100, lr 0.01). With F ≤ 1, λ is the largest curvature the penalty can add, the same bound for every
 * experience.
 */
public final class EwcPlugin implements ContinualPlugin {

    public static final int FISHER_SAMPLES = 1000;
    private static final String FILE = "ewc.ndlist";

    private final double lambda;
    private final double gamma;
    private NDManager store;
    private List<NDArray> fisher;
    private List<NDArray> anchor;
    private double totalWeight; // Σ_t γ^(T−1−t) over the experiences in the Fisher

    /** @param gamma online EWC's decay of the accumulated Fisher per experience, in (0, 1]; 1 = plain sum */
    public EwcPlugin(double lambda, double gamma) {
        this.lambda = lambda;
        this.gamma = gamma;
    }

    @Override
    public NDArray penalty(StepEvent e) {
        if (fisher == null) {
            return null;
        }
        List<Parameter> params = trainable(e.experience().net());
        NDArray sum = null;
        for (int k = 0; k < params.size(); k++) {
            NDArray d = params.get(k).getArray().sub(anchor.get(k));
            NDArray term = d.mul(d).mul(fisher.get(k)).sum();
            sum = sum == null ? term : sum.add(term);
        }
        return Scalars.times(sum, lambda / 2);
    }

    @Override
    public void afterExperience(ExperienceEvent e) {
        ContinualNet net = e.net();
        List<Parameter> params = trainable(net);
        List<NDArray> fresh = fisher(net, params, e);
        normaliseToUnitMax(fresh);
        if (store == null) {
            store = e.context().manager().newSubManager();
        }
        List<NDArray> newFisher = new ArrayList<>();
        List<NDArray> newAnchor = new ArrayList<>();
        for (int k = 0; k < params.size(); k++) {
            // F̄ ← (γ·W·F̄ + F̂_t) / (γ·W + 1): the decayed sum over its total weight, updated without keeping the sum
            NDArray f = fisher == null ? fresh.get(k).duplicate()
                    : fisher.get(k).mul(gamma * totalWeight).addi(fresh.get(k)).divi(gamma * totalWeight + 1);
            f.attach(store);
            newFisher.add(f);
            NDArray a = params.get(k).getArray().stopGradient().duplicate(); // detached copy, not a view
            a.attach(store);
            newAnchor.add(a);
        }
        totalWeight = fisher == null ? 1 : gamma * totalWeight + 1;
        replace(newFisher, newAnchor);
        fresh.forEach(NDArray::close);
    }

    /** Divides one experience's Fisher, all parameters together, by its largest entry (left as is if all zero). */
    static void normaliseToUnitMax(List<NDArray> fisher) {
        float max = 0;
        for (NDArray f : fisher) {
            max = Math.max(max, f.max().getFloat());
        }
        if (max > 0) {
            for (NDArray f : fisher) {
                f.divi(max);
            }
        }
    }

    /** The diagonal empirical Fisher of {@code net} on (a seeded sample of) the experience's images. */
    static List<NDArray> fisher(ContinualNet net, List<Parameter> params, ExperienceEvent e) {
        ImageSet images = e.experience().train();
        int n = Math.min(FISHER_SAMPLES, images.size());
        int[] pick = Arrays.copyOf(Split.permutation(images.size(), new Random(e.context().seed("ewc/fisher-" + e.experience().index()))), n);
        BatchAssembler data = new BatchAssembler(images.subset(pick), e.context().normalization());
        TrainingMask mask = TrainingMask.forExperience(e.context().scenario(), e.experience().index());
        NDManager manager = e.context().manager();
        List<NDArray> sums = new ArrayList<>();
        for (Parameter p : params) {
            sums.add(manager.zeros(p.getArray().getShape()));
        }
        ParameterStore ps = new ParameterStore(manager, false);
        for (int i = 0; i < n; i++) {
            try (NDScope scope = new NDScope()) {
                NDArray x = manager.create(data.pixels(i, i + 1), new Shape(1, images.channels(), images.rows(), images.cols()));
                int[] label = {data.images().labels()[i]};
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray logits = net.forward(ps, new NDList(x), false).singletonOrThrow();
                    gc.backward(Losses.crossEntropy(mask.apply(logits, label), manager.create(label)));
                }
                for (int k = 0; k < params.size(); k++) {
                    NDArray g = params.get(k).getArray().getGradient();
                    sums.get(k).addi(g.mul(g));
                    g.subi(g);
                }
            }
        }
        e.context().meter().trained(n);
        sums.forEach(s -> s.divi(n));
        return sums;
    }

    static List<Parameter> trainable(ContinualNet net) {
        return net.getParameters().values().stream().filter(Parameter::requiresGradient).toList();
    }

    private void replace(List<NDArray> f, List<NDArray> a) {
        if (fisher != null) {
            fisher.forEach(NDArray::close);
            anchor.forEach(NDArray::close);
        }
        fisher = f;
        anchor = a;
    }

    /** The combined Fisher per trainable parameter, Σ_t γ^(T−1−t)·F̂_t / Σ_t γ^(T−1−t) (null before the first experience ends). */
    public List<NDArray> fisher() {
        return fisher;
    }

    @Override
    public void save(Path dir) throws IOException {
        if (fisher != null) {
            NDList all = new NDList();
            all.addAll(fisher);
            all.addAll(anchor);
            try (NDArray weight = fisher.get(0).getManager().create(new double[] {totalWeight})) {
                all.add(weight);
                Files.write(dir.resolve(FILE), all.encode());
            }
        }
    }

    @Override
    public void restore(Path dir, ExperienceEvent e) throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.exists(f)) {
            return;
        }
        if (store == null) {
            store = e.context().manager().newSubManager();
        }
        NDList all = NDList.decode(store, Files.readAllBytes(f));
        try (NDArray weight = all.get(all.size() - 1)) {
            totalWeight = weight.toDoubleArray()[0];
        }
        int k = (all.size() - 1) / 2;
        replace(new ArrayList<>(all.subList(0, k)), new ArrayList<>(all.subList(k, 2 * k)));
    }
}
