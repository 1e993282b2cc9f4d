package io.zerowaste.continual.strategy;

import ai.djl.ndarray.NDManager;
import io.zerowaste.continual.eval.ComputeMeter;
import io.zerowaste.continual.model.ContinualNet;
import io.zerowaste.continual.model.ContinualNets;
import io.zerowaste.continual.scenario.Scenario;
import io.zerowaste.core.Seeds;
import io.zerowaste.core.config.ContinualConfig;
import io.zerowaste.core.config.TrainConfig;
import io.zerowaste.core.data.Normalization;
import io.zerowaste.nn.engine.Engines;
import io.zerowaste.nn.engine.Precision;
import io.zerowaste.nn.model.PrecisionAware;
import io.zerowaste.nn.train.TrainingHook;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * What a strategy may use while learning: the scenario, the run's config, the manager that owns its
 * networks, the compute meter, the loop hooks (progress bars) and, during the last experience, a probe
 * that scores the strategy on every experience's test set (for steps-to-scratch-accuracy).
 */
public final class LearningContext {

    private final Scenario scenario;
    private final ContinualConfig config;
    private final NDManager manager;
    private final Normalization norm;
    private final ComputeMeter meter;
    private final List<TrainingHook> hooks;
    private final Precision precision;
    private DoubleSupplier probe;
    private final List<double[]> probePoints = new ArrayList<>();

    public LearningContext(Scenario scenario, ContinualConfig config, NDManager manager, Normalization norm, ComputeMeter meter,
            List<TrainingHook> hooks) {
        this(scenario, config, manager, norm, meter, hooks, Precision.FP32);
    }

    /** A context whose networks compute in {@code precision} (fp32 or bf16; see {@link ContinualNet#setPrecision}). */
    public LearningContext(Scenario scenario, ContinualConfig config, NDManager manager, Normalization norm, ComputeMeter meter,
            List<TrainingHook> hooks, Precision precision) {
        this.precision = PrecisionAware.checked(precision);
        this.scenario = scenario;
        this.config = config;
        this.manager = manager;
        this.norm = norm;
        this.meter = meter;
        this.hooks = List.copyOf(hooks);
    }

    public Scenario scenario() {
        return scenario;
    }

    public ContinualConfig config() {
        return config;
    }

    /** The precision every network of this context computes in. */
    public Precision precision() {
        return precision;
    }

    public NDManager manager() {
        return manager;
    }

    public Normalization normalization() {
        return norm;
    }

    public ComputeMeter meter() {
        return meter;
    }

    /** The loop's hooks: the meter first, then the caller's (progress bars). */
    public List<TrainingHook> hooks() {
        List<TrainingHook> all = new ArrayList<>();
        all.add(meter);
        all.addAll(hooks);
        return all;
    }

    /** A seed for one component of one strategy, derived from the root seed. */
    public long seed(String component) {
        return Seeds.split(config.seed(), component);
    }

    /**
     * A freshly initialised network, its initial weights a function of {@code component}'s seed (the same in
     * either precision), computing in this context's precision.
     */
    public ContinualNet freshNet(String component) {
        Engines.seed(seed(component + "/init"));
        var first = scenario.get(0).train();
        ContinualNet net = ContinualNets.build(config.backbone(), first.channels(), first.rows(), first.cols(), scenario.numClasses()).init(manager);
        if (precision != Precision.FP32) {
            net.setPrecision(precision);
        }
        return net;
    }

    /** The per-experience training recipe (SGD Nesterov, one-cycle), seeded per strategy and experience. */
    public TrainConfig trainConfig(String strategy, int experience, int epochs) {
        return new TrainConfig(config.backbone(), epochs, config.batchSize(), TrainConfig.SGD, config.learningRate(), 0.9, 5e-4,
                TrainConfig.ONE_CYCLE, 0, false, seed(strategy + "/experience-" + experience), 0);
    }

    /** Sets the probe used during the last experience (null: none). */
    public void setProbe(DoubleSupplier probe) {
        this.probe = probe;
    }

    /** Scores the strategy now if a probe is set, recording (steps so far, accuracy); NaN otherwise. */
    public double probeNow() {
        if (probe == null) {
            return Double.NaN;
        }
        double acc = probe.getAsDouble();
        probePoints.add(new double[] {meter.steps(), acc});
        return acc;
    }

    /** (steps, average accuracy over every experience) pairs recorded by the probe. */
    public List<double[]> probePoints() {
        return probePoints;
    }

    public boolean isLast(int experience) {
        return experience == scenario.size() - 1;
    }
}
