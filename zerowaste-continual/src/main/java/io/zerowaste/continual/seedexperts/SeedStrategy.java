package io.zerowaste.continual.seedexperts;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.zerowaste.continual.model.ContinualNet;
import io.zerowaste.continual.scenario.Experience;
import io.zerowaste.continual.strategy.LearningContext;
import io.zerowaste.continual.strategy.Strategy;
import io.zerowaste.continual.strategy.TrainingMask;
import io.zerowaste.core.data.Augmentation;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.core.io.Json;
import io.zerowaste.nn.bundle.ModelBundle;
import io.zerowaste.nn.train.TrainingHistory;
import io.zerowaste.nn.train.TrainingLoop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * SEED (Rypeść et al., ICLR 2024), exemplar-free: K experts. Experience k &lt; K trains a new expert (a copy of
 * expert 0; expert 0 itself from the shared initial weights) with cross-entropy on its classes. From
 * experience K on, every expert fits Gaussians of the new classes, and only the expert whose new-class
 * Gaussians are most separated (largest mean pairwise KL) is fine-tuned, with (1−α)·CE + α·feature MSE to
 * itself before and batch norm frozen. After each experience every expert adds full-covariance Gaussians of
 * the new classes in its own feature space. Prediction: per expert, softmax of its classes' log-likelihoods
 * at temperature τ; each class's probability averaged over the experts that model it; argmax.
 */
public final class SeedStrategy implements Strategy {

    private static final String GAUSSIANS = "gaussians.json";

    private final List<ContinualNet> experts = new ArrayList<>();
    /** components.get(e): the Gaussians expert e holds (a class may hold one per experience, domain-il). */
    private final List<List<Component>> components = new ArrayList<>();
    private final List<Integer> fineTuned = new ArrayList<>();
    private LearningContext context;

    /** One class's Gaussian in one expert, fitted after one experience. */
    public record Component(int cls, int experience, Gaussian gaussian) {}

    /** How a component is saved: mean and covariance (eps already added). */
    record SavedComponent(int expert, int cls, int experience, double[] mean, double[][] covariance) {}

    @Override
    public String name() {
        return "seed";
    }

    public int experts() {
        return experts.size();
    }

    /** Which expert each experience from K on fine-tuned. */
    public List<Integer> fineTunedExperts() {
        return List.copyOf(fineTuned);
    }

    @Override
    public void learn(Experience exp, LearningContext ctx) {
        context = ctx;
        int t = exp.index();
        int k = ctx.config().experts();
        TrainingMask own = TrainingMask.fixed(ctx.scenario().classesOf(t));
        if (t < k) {
            ContinualNet expert = ctx.freshNet("net");
            if (t > 0) {
                expert.copyFrom(experts.get(0));
            }
            train(expert, null, own, exp, ctx);
            experts.add(expert);
            components.add(new ArrayList<>());
        } else {
            int chosen = mostSeparating(exp, ctx);
            fineTuned.add(chosen);
            ContinualNet expert = experts.get(chosen);
            ContinualNet before = ctx.freshNet("seed/frozen");
            before.copyFrom(expert);
            before.getParameters().values().forEach(p -> p.freeze(true));
            try {
                train(expert, before, own, exp, ctx);
            } finally {
                before.getParameters().values().forEach(Parameter::close);
            }
        }
        for (int e = 0; e < experts.size(); e++) {
            components.get(e).addAll(fitClasses(experts.get(e), exp, ctx));
        }
        ctx.probeNow();
    }

    private void train(ContinualNet expert, ContinualNet before, TrainingMask mask, Experience exp, LearningContext ctx) {
        long n = exp.train().size();
        SeedObjective objective = new SeedObjective(expert, before, mask, ctx.config().seedAlpha(),
                () -> ctx.meter().inferred(Math.min(n, ctx.config().batchSize())));
        TrainingLoop loop = new TrainingLoop(expert, objective, ctx.manager(),
                ctx.trainConfig("seed", exp.index(), ctx.config().epochs()), Augmentation.NONE, ctx.hooks());
        try {
            BatchAssembler train = new BatchAssembler(exp.train(), ctx.normalization());
            loop.run(train, train, TrainingHistory.empty());
        } finally {
            loop.optimizer().close();
        }
    }

    /** The expert whose Gaussians of the experience's classes have the largest mean pairwise KL divergence. */
    int mostSeparating(Experience exp, LearningContext ctx) {
        int best = 0;
        double bestKl = Double.NEGATIVE_INFINITY;
        for (int e = 0; e < experts.size(); e++) {
            double kl = meanPairwiseKl(fitClasses(experts.get(e), exp, ctx));
            if (kl > bestKl) {
                bestKl = kl;
                best = e;
            }
        }
        return best;
    }

    /** Mean of KL(p ‖ q) over ordered pairs of distinct components. */
    public static double meanPairwiseKl(List<Component> cs) {
        double s = 0;
        int pairs = 0;
        for (Component p : cs) {
            for (Component q : cs) {
                if (p != q) {
                    s += Gaussian.kl(p.gaussian(), q.gaussian());
                    pairs++;
                }
            }
        }
        return pairs == 0 ? 0 : s / pairs;
    }

    private List<Component> fitClasses(ContinualNet expert, Experience exp, LearningContext ctx) {
        ImageSet images = exp.train();
        float[][] f = expert.featuresOf(images, ctx.normalization(), ctx.manager());
        ctx.meter().inferred(images.size());
        List<Component> out = new ArrayList<>();
        for (int c : exp.classes()) {
            float[][] rows = IntStream.range(0, images.size()).filter(i -> images.labels()[i] == c).mapToObj(i -> f[i])
                    .toArray(float[][]::new);
            if (rows.length >= 2) {
                out.add(new Component(c, exp.index(), Gaussian.fit(rows)));
            }
        }
        return out;
    }

    @Override
    public NDArray scores(ParameterStore ps, NDArray x) {
        int n = (int) x.getShape().get(0);
        int numClasses = context.scenario().numClasses();
        NDManager m = x.getManager();
        NDArray sum = m.zeros(new Shape(n, numClasses));
        float[] counts = new float[numClasses];
        double temperature = context.config().seedTemperature();
        for (int e = 0; e < experts.size(); e++) {
            List<Component> cs = components.get(e);
            if (cs.isEmpty()) {
                continue;
            }
            NDArray f = experts.get(e).features(ps, x, false).toType(DataType.FLOAT64, false);
            int[] classes = cs.stream().mapToInt(Component::cls).distinct().sorted().toArray();
            NDArray[] perClass = new NDArray[classes.length];
            for (int j = 0; j < classes.length; j++) {
                int c = classes[j];
                List<NDArray> lls = new ArrayList<>();
                for (Component comp : cs) {
                    if (comp.cls() == c) {
                        lls.add(logLikelihood(f, comp.gaussian(), m));
                    }
                }
                // a class fitted after several experiences (domain-il) is a uniform mixture of its Gaussians
                NDArray stacked = NDArrays.stack(new ai.djl.ndarray.NDList(lls));
                perClass[j] = logSumExp(stacked).sub(Math.log(lls.size()));
                counts[c] += 1;
            }
            NDArray probs = NDArrays.stack(new ai.djl.ndarray.NDList(perClass), 1).div(temperature).softmax(1).toType(DataType.FLOAT32, false);
            float[] full = new float[n * numClasses];
            float[] p = probs.toFloatArray();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < classes.length; j++) {
                    full[i * numClasses + classes[j]] = p[i * classes.length + j];
                }
            }
            sum = sum.add(m.create(full, new Shape(n, numClasses)));
        }
        for (int c = 0; c < numClasses; c++) {
            counts[c] = Math.max(counts[c], 1);
        }
        return sum.div(m.create(counts));
    }

    private static NDArray logSumExp(NDArray stacked) {
        NDArray max = stacked.max(new int[] {0}, true);
        return stacked.sub(max).exp().sum(new int[] {0}).log().add(max.squeeze(0));
    }

    /** log N(f_i; μ, Σ) for every row f_i, as ‖W(f_i − μ)‖² with W = L⁻¹ (float64). */
    static NDArray logLikelihood(NDArray f, Gaussian g, NDManager m) {
        int d = g.dimension();
        double[][] w = g.whitening();
        double[] wt = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                wt[j * d + i] = w[i][j];
            }
        }
        NDArray z = f.sub(m.create(g.mean())).matMul(m.create(wt, new Shape(d, d)));
        return z.mul(z).sum(new int[] {1}).add(g.logDeterminant() + d * Math.log(2 * Math.PI)).mul(-0.5);
    }

    @Override
    public void save(Path dir) throws IOException {
        for (int e = 0; e < experts.size(); e++) {
            Files.write(dir.resolve("expert-" + e + ".params"), experts.get(e).parameterBytes());
        }
        List<SavedComponent> saved = new ArrayList<>();
        for (int e = 0; e < components.size(); e++) {
            for (Component c : components.get(e)) {
                saved.add(new SavedComponent(e, c.cls(), c.experience(), c.gaussian().mean(), c.gaussian().covariance()));
            }
        }
        Files.writeString(dir.resolve(GAUSSIANS), Json.toString(new Saved(experts.size(), fineTuned, saved)));
    }

    record Saved(int experts, List<Integer> fineTuned, List<SavedComponent> components) {}

    @Override
    public void restore(Path dir, int experiencesDone, LearningContext ctx) throws IOException {
        close();
        context = ctx;
        Saved s = Json.MAPPER.readValue(Files.readString(dir.resolve(GAUSSIANS)), Saved.class);
        for (int e = 0; e < s.experts(); e++) {
            ContinualNet net = ctx.freshNet("net");
            ModelBundle.load(net, Files.readAllBytes(dir.resolve("expert-" + e + ".params")), ctx.manager(), net.inputShape(), dir);
            experts.add(net);
            components.add(new ArrayList<>());
        }
        fineTuned.addAll(s.fineTuned());
        for (SavedComponent c : s.components()) {
            components.get(c.expert()).add(new Component(c.cls(), c.experience(), Gaussian.of(c.mean(), c.covariance())));
        }
    }

    @Override
    public void close() {
        experts.forEach(n -> n.getParameters().values().forEach(Parameter::close));
        experts.clear();
        components.clear();
        fineTuned.clear();
    }
}
