package io.zerowaste.continual.strategy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.zerowaste.continual.model.ContinualNet;
import io.zerowaste.continual.plugin.ContinualPlugin;
import io.zerowaste.continual.scenario.Experience;
import io.zerowaste.core.data.Augmentation;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.nn.bundle.ModelBundle;
import io.zerowaste.nn.train.TrainingHistory;
import io.zerowaste.nn.train.TrainingLoop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A strategy with one network trained by the shared training loop: what it trains on, for how many epochs,
 * whether it starts afresh, and which plugins join in is all a subclass decides. Every strategy starts from
 * the same initial weights (seed component "net"), so their first experiences are comparable.
 */
public class ModelStrategy implements Strategy {

    private static final String NET_FILE = "net.params";

    private final String name;
    private final List<ContinualPlugin> plugins;
    protected ContinualNet net;
    private boolean borrowed;

    public ModelStrategy(String name, List<ContinualPlugin> plugins) {
        this.name = name;
        this.plugins = List.copyOf(plugins);
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Starts from {@code trained} instead of fresh weights (a model update warm-starts from a served bundle).
     * The caller keeps owning it: the strategy trains it in place and does not close it.
     */
    public void warmStart(ContinualNet trained) {
        closeNet();
        net = trained;
        borrowed = true;
    }

    /** Whether to start experience {@code t} from freshly initialised weights. */
    protected boolean reinitialise(int t) {
        return false;
    }

    /** The images to train on during {@code exp}. */
    protected ImageSet trainingData(Experience exp, LearningContext ctx) {
        return exp.train();
    }

    protected int epochs(Experience exp, LearningContext ctx) {
        return ctx.config().epochs();
    }

    @Override
    public void learn(Experience exp, LearningContext ctx) {
        int t = exp.index();
        if (net == null || reinitialise(t)) {
            closeNet();
            net = ctx.freshNet("net");
        }
        ContinualPlugin.ExperienceEvent event = new ContinualPlugin.ExperienceEvent(exp, net, ctx);
        plugins.forEach(p -> p.beforeExperience(event));
        ImageSet data = trainingData(exp, ctx);
        ContinualObjective objective = new ContinualObjective(net, TrainingMask.forExperience(ctx.scenario(), t), plugins, event);
        TrainingLoop loop = new TrainingLoop(net, objective, ctx.manager(), ctx.trainConfig(name, t, epochs(exp, ctx)),
                Augmentation.NONE, ctx.hooks());
        try {
            BatchAssembler train = new BatchAssembler(data, ctx.normalization());
            loop.run(train, train, TrainingHistory.empty());
        } finally {
            loop.optimizer().close();
        }
        plugins.forEach(p -> p.afterExperience(event));
    }

    @Override
    public NDArray scores(ParameterStore ps, NDArray x) {
        return net.forward(ps, new NDList(x), false).singletonOrThrow();
    }

    @Override
    public void save(Path dir) throws IOException {
        Files.write(dir.resolve(NET_FILE), net.parameterBytes());
        for (ContinualPlugin p : plugins) {
            p.save(dir);
        }
    }

    @Override
    public void restore(Path dir, int experiencesDone, LearningContext ctx) throws IOException {
        closeNet();
        net = ctx.freshNet("net");
        ModelBundle.load(net, Files.readAllBytes(dir.resolve(NET_FILE)), ctx.manager(), net.inputShape(), dir);
        Experience last = ctx.scenario().get(experiencesDone - 1);
        for (ContinualPlugin p : plugins) {
            p.restore(dir, new ContinualPlugin.ExperienceEvent(last, net, ctx));
        }
    }

    private void closeNet() {
        if (net != null && !borrowed) {
            net.getParameters().values().forEach(Parameter::close);
        }
        net = null;
        borrowed = false;
    }

    @Override
    public void close() {
        closeNet();
    }
}
