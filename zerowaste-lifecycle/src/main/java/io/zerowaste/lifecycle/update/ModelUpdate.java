package io.zerowaste.lifecycle.update;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import io.zerowaste.continual.model.ContinualNet;
import io.zerowaste.continual.plugin.ContinualPlugin;
import io.zerowaste.continual.plugin.ReplayPlugin;
import io.zerowaste.continual.scenario.Experience;
import io.zerowaste.continual.scenario.Scenario;
import io.zerowaste.continual.eval.ComputeMeter;
import io.zerowaste.continual.strategy.CumulativeStrategy;
import io.zerowaste.continual.strategy.LearningContext;
import io.zerowaste.continual.strategy.ModelStrategy;
import io.zerowaste.core.Seeds;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.config.ContinualConfig;
import io.zerowaste.core.config.ExitsConfig;
import io.zerowaste.core.config.UpdateConfig;
import io.zerowaste.core.data.Augmentation;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.core.data.Normalization;
import io.zerowaste.core.data.Split;
import io.zerowaste.core.io.AtomicFiles;
import io.zerowaste.core.io.Json;
import io.zerowaste.core.provenance.Provenance;
import io.zerowaste.core.result.ExitsBundleInfo;
import io.zerowaste.exits.app.ExitsBundle;
import io.zerowaste.exits.app.HeadTraining;
import io.zerowaste.exits.eval.ExitOutputs;
import io.zerowaste.exits.eval.ExitOutputsCollector;
import io.zerowaste.exits.method.EarlyExitMethod;
import io.zerowaste.exits.model.EarlyExitModel;
import io.zerowaste.nn.app.BackboneTraining;
import io.zerowaste.nn.bundle.BundleManifest;
import io.zerowaste.nn.bundle.Lineage;
import io.zerowaste.nn.bundle.ModelBundle;
import io.zerowaste.nn.engine.Engines;
import io.zerowaste.nn.engine.Precision;
import io.zerowaste.nn.engine.Provenances;
import io.zerowaste.nn.model.ArchitectureSpec;
import io.zerowaste.nn.model.PrecisionChoices;
import io.zerowaste.nn.model.StagedBackbone;
import io.zerowaste.nn.train.TrainingHook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@code zerowaste update}: a served early-exit bundle plus new labelled data in, the next bundle version out.
 * <ol>
 * <li>Warm start: backbone, heads and ensembles take the bundle's weights; new classes grow every output layer
 * ({@link ParameterGrowth}).</li>
 * <li>The backbone learns the new data with a continual strategy, run by the continual module itself
 * ({@link ModelStrategy}, {@link CumulativeStrategy}, {@link ReplayPlugin}) on the backbone seen as a continual
 * net ({@link BackboneNet}). Replay's memory travels inside the bundle; cumulative reads the earlier data from
 * {@code --previous-data}.</li>
 * <li>The heads and the ZTW ensembles retrain on the updated, frozen backbone ({@link HeadTraining}).</li>
 * <li>The threshold is recalibrated on held-out images of old and new classes for the parent's rule.</li>
 * <li>The new version (parameters, replay memory, manifest with its lineage) is written atomically: a
 * temporary folder renamed into place, so a watcher never sees half a version.</li>
 * </ol>
 * In bf16 every step computes in mixed precision, as {@code exits train --precision bf16} does: the backbone's
 * convolutions while it trains, the heads' training and the calibration sweep. The threshold is then the one
 * bf16 serves at; the weights stay fp32.
 */
public final class ModelUpdate {

    /** What an update made. */
    public record Outcome(Path bundle, BundleManifest manifest, Lineage lineage, int trainImages, double validationAccuracy,
            double backboneValidationAccuracy, double validationCostFraction, double seconds) {}

    private static final String CONTINUAL_LABEL = "resnet14"; // a name for the continual recipe's TrainConfig only

    private final UpdateConfig cfg;
    private final Consumer<String> log;
    private final List<TrainingHook> hooks;
    private final Precision requested; // null: fp32, and no precision in the provenance (versions of before keep their ids)
    private Precision.Choice precision; // requested, resolved for the parent's architecture once the parent is read

    private ModelUpdate(UpdateConfig cfg, List<TrainingHook> hooks, Consumer<String> log, Precision requested) {
        this.cfg = cfg;
        this.hooks = hooks;
        this.log = log;
        this.requested = requested;
    }

    public static Outcome run(UpdateConfig cfg, Path bundleDir, Path dataDir, List<Path> previousData, Path outDir,
            List<TrainingHook> hooks, Consumer<String> log) {
        return run(cfg, bundleDir, dataDir, previousData, outDir, hooks, log, null);
    }

    /**
     * As above, computing in {@code precision} (fp32 when null), resolved for the parent bundle's architecture on
     * this CPU (auto: bf16 where the CPU has bf16 units); the choice is logged and goes into the new version's
     * provenance.
     */
    public static Outcome run(UpdateConfig cfg, Path bundleDir, Path dataDir, List<Path> previousData, Path outDir,
            List<TrainingHook> hooks, Consumer<String> log, Precision precision) {
        return new ModelUpdate(cfg, hooks, log, precision).update(bundleDir, dataDir, previousData, outDir);
    }

    private Precision precision() {
        return precision == null ? Precision.FP32 : precision.precision();
    }

    private Outcome update(Path bundleDir, Path dataDir, List<Path> previousData, Path outDir) {
        long t0 = System.nanoTime();
        checkOut(bundleDir, outDir);
        BundleManifest parent = ModelBundle.readManifest(bundleDir);
        if (!ExitsBundle.KIND.equals(parent.kind())) {
            throw ZeroWasteException.badInput(bundleDir + " is a '" + parent.kind() + "' bundle: update needs an early-exit bundle"
                    + " (e.g. RUN_DIR/ztw from 'zerowaste exits train', or a version written by 'zerowaste update')");
        }
        UpdateData data = UpdateData.load(dataDir);
        checkFits(parent, data.images(), dataDir);
        if (requested != null) {
            precision = PrecisionChoices.forArchitecture(requested, parent.architecture());
            log.accept(precision.line());
        }
        ClassGrowth growth = ClassGrowth.of(parent.classNames(), data.images(), data.classNames(), dataDir);
        ImageSet previous = previous(previousData, parent, growth);
        if ("cumulative".equals(cfg.strategy()) && previous == null) {
            throw ZeroWasteException.badInput("--strategy cumulative trains on everything seen: pass --previous-data DIR (repeatable) with "
                    + "the earlier data, or use --strategy replay, whose memory travels inside the bundle");
        }
        Engines.pytorch();
        Engines.seed(Seeds.split(cfg.seed(), "update/init"));
        log.accept("updating " + Versions.id(parent) + " (version " + parent.version() + ") with " + data.images().size() + " images"
                + (growth.grows() ? "; new classes " + growth.newClasses() : "") + " (" + cfg.strategy() + ")");
        try (NDManager manager = NDManager.newBaseManager()) {
            return train(parent, bundleDir, data, growth, previous, outDir, manager, t0);
        }
    }

    private Outcome train(BundleManifest parent, Path bundleDir, UpdateData data, ClassGrowth growth, ImageSet previous, Path outDir,
            NDManager manager, long t0) {
        ExitsBundle.Loaded old = ExitsBundle.read(bundleDir, manager);
        EarlyExitMethod method = old.method();
        ArchitectureSpec a = parent.architecture();
        ArchitectureSpec spec = new ArchitectureSpec(a.name(), a.channels(), a.height(), a.width(), growth.total());
        StagedBackbone backbone = spec.build();
        ContinualNet net = BackboneNet.of(backbone).init(manager);
        EarlyExitModel model = new EarlyExitModel(backbone, method.cascade(), method.ensemble());
        model.initialize(manager, DataType.FLOAT32, spec.inputShape());
        int[] copied = ParameterGrowth.copy(old.model(), model);
        old.model().getParameters().values().forEach(Parameter::close);
        log.accept("warm start: " + copied[0] + " parameters copied, " + copied[1] + " grown for " + growth.newClasses().size() + " new classes");
        if (precision() == Precision.BF16) {
            net.setPrecision(Precision.BF16); // the backbone's training passes
            model.setPrecision(Precision.BF16); // the heads' training, the ensembles' and the calibration sweep
        }

        Normalization norm = parent.normalization(); // the backbone's batch norms were fitted to it
        int v = parent.version();
        Split newSplit = Split.of(data.images(), Seeds.split(cfg.seed(), "update/validation-" + v));
        Split prevSplit = previous == null ? null : Split.of(previous, Seeds.split(cfg.seed(), "update/previous-validation-" + v));
        TrainingCost cost = new TrainingCost(backbone.macs().total(), Arrays.stream(model.headMacs()).sum());

        ReplayPlugin memory = new ReplayPlugin(cfg.memory());
        boolean hadMemory = ReplayMemory.restore(memory, bundleDir, parent.lineage(), spec.channels(), spec.height(), spec.width());
        if (!hadMemory && !"cumulative".equals(cfg.strategy())) {
            log.accept("the bundle carries no replay memory (it was not written by update): earlier classes are not rehearsed this time");
        }
        ImageSet earlierMemory = memory.memory().all(); // before this update's own images join it
        Map<String, ImageSet> earlierGroups = new LinkedHashMap<>(memory.memory().groups()); // before the new data's exemplars join
        Scenario scenario = scenario(v, parent, growth, prevSplit, newSplit, memory);
        ContinualConfig ccfg = new ContinualConfig(growth.grows() ? Scenario.CLASS_IL : Scenario.DOMAIN_IL, v + 1, List.of(cfg.strategy()),
                CONTINUAL_LABEL, cfg.epochs(), cfg.epochs(), cfg.batchSize(), cfg.learningRate(), cfg.memory(), 100, 1, 1, 2, 1, 0.99, 3,
                Seeds.split(cfg.seed(), "update/" + v), 0);
        ComputeMeter meter = new ComputeMeter(cost.backboneMacs());
        LearningContext ctx = new LearningContext(scenario, ccfg, manager, norm, meter, hooks, precision());
        Experience exp = scenario.get(v);
        ModelStrategy strategy = switch (cfg.strategy()) {
            case "replay" -> new ModelStrategy("replay", List.of(memory));
            case "cumulative" -> new CumulativeStrategy();
            default -> new ModelStrategy("finetune", List.of());
        };
        strategy.warmStart(net);
        log.accept("training the backbone (" + cfg.strategy() + ", " + cfg.epochs() + " epochs on " + trainingImages(scenario, v) + " images)");
        strategy.learn(exp, ctx);
        if (!"replay".equals(cfg.strategy())) { // every version carries a memory, whatever trained it
            memory.afterExperience(new ContinualPlugin.ExperienceEvent(exp, net, ctx));
        }
        strategy.close();
        long macs = meter.macs();

        ImageSet headTrain = headTrainingSet(newSplit.train(), prevSplit, earlierGroups, growth.grows());
        if ("replay".equals(cfg.strategy()) && growth.grows() && headTrain.size() > newSplit.train().size()) {
            float[][] features = net.featuresOf(headTrain, norm, manager);
            macs += cost.inference(headTrain.size());
            if (BalancedClassifier.retrain(backbone, features, headTrain.labels(), manager, Seeds.split(cfg.seed(), "update/classifier-" + v))) {
                log.accept("re-trained the backbone's classifier on " + headTrain.size() + " class-balanced images (" + BalancedClassifier.EPOCHS
                        + " epochs on their features)");
            }
        }
        ImageSet validation = prevSplit != null ? newSplit.validation().concat(prevSplit.validation())
                : earlierMemory != null ? newSplit.validation().concat(earlierMemory) : newSplit.validation();
        ExitsConfig ecfg = ExitsConfig.defaults().withMethods(List.of(method.name())).withHeadEpochs(cfg.headEpochs())
                .withEnsembleEpochs(cfg.ensembleEpochs()).withBatchSize(cfg.batchSize()).withSeed(Seeds.split(cfg.seed(), "update/heads-" + v));
        HeadTraining.train(model, new BatchAssembler(headTrain, norm), new BatchAssembler(validation, norm), Augmentation.NONE, ecfg,
                manager, hooks, log);
        macs += cost.heads(headTrain.size(), cfg.headEpochs()) + (method.ensemble() ? cost.ensembleCache(headTrain.size()) : 0);

        log.accept("recalibrating the threshold on " + validation.size() + " held-out images");
        ExitOutputs val = ExitOutputsCollector.collect(model, manager, new BatchAssembler(validation, norm), method.ensemble());
        macs += cost.inference(validation.size());
        String[] rule = rule(parent);
        Recalibration cal = Recalibration.of(method, val, model.exitCostFractions(), rule[0], Double.parseDouble(rule[1]));

        byte[] memoryBytes = ReplayMemory.bytes(memory);
        Lineage prevLineage = parent.lineage();
        long lineageMacs = (prevLineage == null ? 0 : prevLineage.lineageTrainingMacs()) + macs;
        Lineage lineage = new Lineage(v + 1, Versions.id(parent), growth.total(), growth.newClasses(), cfg.strategy(), macs, lineageMacs,
                cal.chosen().param(), cal.rule(), cal.ruleValue(), ReplayPlugin.FILE, ModelBundle.sha256(memoryBytes), memory.memory().size(),
                cfg.memory());
        ExitsBundleInfo info = new ExitsBundleInfo(method.name(), method.policy(0).name(), cal.chosen().param(), cal.describe(),
                cal.backboneValAccuracy(), Arrays.stream(model.exitCostFractions()).boxed().toList(), cal.report().validationCurve());
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("validation_accuracy", cal.chosen().accuracy());
        metrics.put("validation_cost_fraction", cal.chosen().costFraction());
        metrics.put("backbone_validation_accuracy", cal.backboneValAccuracy());
        Map<String, Object> config = new LinkedHashMap<>(Json.asMap(cfg));
        config.put("parent", Versions.id(parent));
        if (precision != null) {
            config.put("precision", precision.precision().label());
            config.put("precision_reason", precision.reason());
        }
        Provenance prov = Provenances.start(config, cfg.seed(), data.asDataset(growth.classNames()))
                .withWallSeconds((System.nanoTime() - t0) / 1e9);
        BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, ExitsBundle.KIND, spec, norm, growth.classNames(),
                BackboneTraining.macsMap(backbone.macs()), ModelBundle.countParameters(model), BundleManifest.PARAMETERS_FILE, null, prov,
                metrics, info.toExtra(), lineage);
        ModelBundle.write(outDir, model, manifest, Map.of(ReplayPlugin.FILE, memoryBytes));
        BundleManifest written = ModelBundle.readManifest(outDir);
        log.accept("wrote version " + lineage.version() + " " + Versions.id(written) + " to " + outDir);
        return new Outcome(outDir, written, lineage, headTrain.size(), cal.chosen().accuracy(), cal.backboneValAccuracy(),
                cal.chosen().costFraction(), (System.nanoTime() - t0) / 1e9);
    }

    /** The parent's rule, unless the command gave one: {rule, value}. */
    private String[] rule(BundleManifest parent) {
        if (cfg.budget() != null) {
            return new String[] {Lineage.BUDGET, Double.toString(cfg.budget())};
        }
        if (cfg.maxDrop() != null) {
            return new String[] {Lineage.MAX_DROP, Double.toString(cfg.maxDrop())};
        }
        Lineage l = parent.lineage();
        return l == null ? new String[] {Lineage.MAX_DROP, "0.005"} : new String[] {l.rule(), Double.toString(l.ruleValue())};
    }

    /**
     * The update as a continual scenario whose last experience (index = the parent's version) is the new data;
     * experience 0 stands for everything before it (the earlier data for cumulative, else the memory), the
     * others are empty. The index keeps seeds and domain-il memory groups distinct from version to version.
     */
    private static Scenario scenario(int v, BundleManifest parent, ClassGrowth growth, Split prevSplit, Split newSplit, ReplayPlugin memory) {
        ImageSet empty = new ImageSet(new byte[0], new int[0], newSplit.train().channels(), newSplit.train().rows(), newSplit.train().cols());
        int[] known = IntStream.range(0, growth.known()).toArray();
        ImageSet earlier = prevSplit != null ? prevSplit.train() : memory.memory().size() > 0 ? memory.memory().all() : empty;
        List<Experience> list = new ArrayList<>();
        list.add(new Experience(0, known, earlier, empty, empty));
        for (int u = 1; u < v; u++) {
            list.add(new Experience(u, new int[0], empty, empty, empty));
        }
        int[] present = IntStream.range(0, growth.total()).filter(c -> growth.present()[c]).toArray();
        list.add(new Experience(v, present, newSplit.train(), newSplit.validation(), empty));
        return new Scenario(growth.grows() ? Scenario.CLASS_IL : Scenario.DOMAIN_IL, list, growth.total());
    }

    private int trainingImages(Scenario s, int v) {
        return "cumulative".equals(cfg.strategy()) ? s.trainThrough(v).size() : s.get(v).train().size();
    }

    /**
     * What the heads retrain on: everything seen (cumulative); the new data alone (finetune); replay: the new data
     * plus the memory's earlier groups (a class; in a domain update, a class of one version), each repeated up to
     * as many images as the new data has per class, so every class weighs the same and the heads do not learn the
     * newest classes' prior. In a class update, a known class that comes again with the new data is represented
     * by those images and its earlier group is left out.
     */
    private ImageSet headTrainingSet(ImageSet newTrain, Split prevSplit, Map<String, ImageSet> earlierGroups, boolean classUpdate) {
        if (prevSplit != null && "cumulative".equals(cfg.strategy())) {
            return prevSplit.train().concat(newTrain);
        }
        if (!"replay".equals(cfg.strategy()) || earlierGroups.isEmpty()) {
            return newTrain;
        }
        Set<Integer> newLabels = Arrays.stream(newTrain.labels()).boxed().collect(Collectors.toSet());
        int perClass = newTrain.size() / Math.max(1, newLabels.size());
        ImageSet rehearsed = null;
        List<Integer> picks = new ArrayList<>();
        for (ImageSet group : earlierGroups.values()) {
            if (group.size() == 0 || classUpdate && newLabels.contains(group.labels()[0])) {
                continue;
            }
            int base = rehearsed == null ? 0 : rehearsed.size();
            for (int i = 0; i < perClass; i++) {
                picks.add(base + i % group.size());
            }
            rehearsed = rehearsed == null ? group : rehearsed.concat(group);
        }
        return rehearsed == null ? newTrain : newTrain.concat(rehearsed.subset(picks.stream().mapToInt(Integer::intValue).toArray()));
    }

    private static ImageSet previous(List<Path> dirs, BundleManifest parent, ClassGrowth growth) {
        ImageSet all = null;
        for (Path d : dirs) {
            ImageSet s = UpdateData.load(d).images();
            checkFits(parent, s, d);
            if (s.numClasses() > growth.known()) {
                throw ZeroWasteException.badInput("--previous-data " + d + " has labels up to " + (s.numClasses() - 1) + " but the model knows "
                        + growth.known() + " classes (earlier data holds known classes only)");
            }
            all = all == null ? s : all.concat(s);
        }
        return all;
    }

    static void checkFits(BundleManifest m, ImageSet images, Path source) {
        ArchitectureSpec a = m.architecture();
        if (images.rows() != a.height() || images.cols() != a.width() || images.channels() != a.channels()) {
            throw ZeroWasteException.badInput("the images in " + source + " are " + images.channels() + "x" + images.rows() + "x" + images.cols()
                    + " but the model takes " + a.channels() + "x" + a.height() + "x" + a.width()
                    + " (an update keeps the model's input shape: pass data of that shape)");
        }
    }

    private static void checkOut(Path bundleDir, Path outDir) {
        if (outDir.toAbsolutePath().normalize().equals(bundleDir.toAbsolutePath().normalize())) {
            throw ZeroWasteException.badInput("--out is the bundle being updated: write the new version to its own folder"
                    + " (versions sit side by side, e.g. models/v2 next to models/v1)");
        }
        if (Files.exists(outDir.resolve(BundleManifest.FILE_NAME))) {
            throw ZeroWasteException.badInput(outDir + " already holds a bundle: choose a new --out folder (versions are never overwritten)");
        }
        Path parent = outDir.toAbsolutePath().getParent();
        if (parent != null) {
            AtomicFiles.checkWritableFolder(parent);
        }
    }
}
