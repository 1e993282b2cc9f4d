package io.zerowaste.cli;

import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.config.ExitsConfig;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.core.data.IdxReader;
import io.zerowaste.core.io.AtomicFiles;
import io.zerowaste.core.io.Json;
import io.zerowaste.core.result.ResultEnvelope;
import io.zerowaste.exits.app.ExitsBundle;
import io.zerowaste.exits.app.ExitsEvaluation;
import io.zerowaste.exits.app.ExitsTraining;
import io.zerowaste.exits.predict.ExitPrediction;
import io.zerowaste.exits.predict.ExitingPredictor;
import io.zerowaste.nn.bundle.ModelBundle;
import io.zerowaste.nn.engine.Engines;
import ai.djl.ndarray.NDManager;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code zerowaste exits train|eval|predict}: early exits with SDN, PBEE and Zero-Time-Waste. */
@Command(name = "exits", mixinStandardHelpOptions = true, description = "Recycle computation: early exits (SDN, PBEE, ZTW).",
        subcommands = {ExitsCommand.Train.class, ExitsCommand.Eval.class, ExitsCommand.Predict.class})
final class ExitsCommand {

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train or load a backbone, freeze it, train each method's heads, calibrate on validation, "
                    + "evaluate on test; writes one bundle per method (RUN_DIR/sdn, …) and RUN_DIR/results.json.")
    static final class Train implements Callable<Integer> {

        private static final ExitsConfig D = ExitsConfig.defaults();

        @Mixin
        DataOptions data;

        @Option(names = "--methods", split = ",", paramLabel = "M", description = "Any of sdn, pbee, ztw (default: sdn,pbee,ztw).")
        List<String> methods = D.methods();

        @Option(names = "--backbone", paramLabel = "BUNDLE", description = "Reuse a trained backbone bundle instead of training one.")
        Path backbone;

        @Option(names = "--backbone-epochs", paramLabel = "N", description = "Epochs when training the backbone (default: ${DEFAULT-VALUE}).")
        int backboneEpochs = D.backboneEpochs();

        @Option(names = "--head-epochs", paramLabel = "N", description = "Epochs for the heads (default: ${DEFAULT-VALUE}).")
        int headEpochs = D.headEpochs();

        @Option(names = "--ensemble-epochs", paramLabel = "N", description = "Epochs for the ZTW ensembles (default: ${DEFAULT-VALUE}).")
        int ensembleEpochs = D.ensembleEpochs();

        @Option(names = "--seed", paramLabel = "S", description = "Root seed (default: ${DEFAULT-VALUE}).")
        long seed = D.seed();

        @Option(names = "--train-limit", paramLabel = "N", description = "Train on the first N training images only (0 = all).")
        int trainLimit;

        @Option(names = "--out", paramLabel = "RUN_DIR", description = "Run folder (default: ${DEFAULT-VALUE}).")
        Path out = Path.of("runs/exits");

        @Override
        public Integer call() {
            ExitsConfig cfg = new ExitsConfig(methods, backbone == null ? null : backbone.toString(), backboneEpochs, headEpochs,
                    D.headLearningRate(), ensembleEpochs, D.ensembleLearningRate(), D.ensembleBatch(), D.batchSize(), seed, trainLimit);
            Dataset d = data.load();
            ExitsTraining.Outcome o = ExitsTraining.run(d, cfg, out, List.of(new ProgressBarHook()), Console::info);
            Console.out(ExitsTables.budgetTable(o.result().metrics()) + "\n" + ExitsTables.savings(o.result().metrics()));
            Console.out("bundles: " + o.bundles().values() + "\nresults: " + out.resolve(ResultEnvelope.FILE_NAME));
            Console.out(Reports.writeNextTo(out));
            return ZeroWasteCli.OK;
        }
    }

    /** Exactly one way to choose the exit parameter, or none for the bundle's calibrated one. */
    static final class ChoiceOptions {
        @Option(names = "--threshold", paramLabel = "T", description = "A fixed threshold (patience for PBEE).")
        Double threshold;

        @Option(names = "--budget", paramLabel = "B", description = "Best validation accuracy at a cost of at most B × the backbone (e.g. 0.5).")
        Double budget;

        @Option(names = "--max-drop", paramLabel = "D", description = "Cheapest setting within D accuracy points of the backbone on validation (e.g. 0.5).")
        Double maxDrop;

        ExitsEvaluation.Choice toChoice() {
            if (threshold != null) {
                return new ExitsEvaluation.Fixed(threshold);
            }
            if (budget != null) {
                if (!(budget > 0)) {
                    throw ZeroWasteException.badInput("--budget must be a positive fraction of the backbone's cost, e.g. 0.5");
                }
                return new ExitsEvaluation.Budget(budget);
            }
            if (maxDrop != null) {
                if (maxDrop < 0) {
                    throw ZeroWasteException.badInput("--max-drop must not be negative (accuracy points, e.g. 0.5)");
                }
                return new ExitsEvaluation.MaxDrop(maxDrop);
            }
            return new ExitsEvaluation.Stored();
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Evaluate an exits bundle on any IDX folder: sweep, budget table and one chosen setting.")
    static final class Eval implements Callable<Integer> {
        @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "An exits bundle (RUN_DIR/ztw, …).")
        Path model;

        @Mixin
        DataOptions data;

        @ArgGroup(exclusive = true, multiplicity = "0..1")
        ChoiceOptions choice = new ChoiceOptions();

        @Option(names = "--out", paramLabel = "DIR", description = "Where to write results.json (default: BUNDLE/../eval-<method>-<data>).")
        Path out;

        @Override
        public Integer call() {
            Dataset d = data.load();
            ExitsEvaluation.Choice c = (choice == null ? new ChoiceOptions() : choice).toChoice();
            Path dir = out != null ? out : model.toAbsolutePath().getParent().resolve("eval-" + model.getFileName() + "-" + d.name());
            ExitsEvaluation.Outcome o = ExitsEvaluation.run(model, d, c, dir);
            Console.out(ExitsTables.budgetTable(o.result().metrics()) + "\n" + ExitsTables.chosen(o) + "\nresults: "
                    + dir.resolve(ResultEnvelope.FILE_NAME) + "\n" + Reports.writeNextTo(dir));
            return ZeroWasteCli.OK;
        }
    }

    @Command(name = "predict", mixinStandardHelpOptions = true,
            description = "Predict images with dynamic early exits: per sample the label, confidence, exit head and cost fraction.")
    static final class Predict implements Callable<Integer> {
        @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "An exits bundle.")
        Path model;

        @Option(names = "--threshold", paramLabel = "T", description = "Exit threshold (patience for PBEE); default: the bundle's calibrated one.")
        Double threshold;

        @Option(names = "--images", required = true, paramLabel = "FILE", description = "An IDX images file (.idx3-ubyte[.gz]).")
        Path images;

        @Option(names = "--format", paramLabel = "csv|json", description = "Output format (default: ${DEFAULT-VALUE}).")
        String format = "csv";

        @Option(names = "--out", paramLabel = "FILE", description = "Write to a file (atomically) instead of stdout.")
        Path out;

        @Override
        public Integer call() {
            if (!format.equals("csv") && !format.equals("json")) {
                throw ZeroWasteException.badInput("unknown --format '" + format + "' (use csv or json)");
            }
            ImageSet set = IdxReader.readImagesOnly(images);
            Engines.pytorch();
            String text;
            try (NDManager manager = NDManager.newBaseManager()) {
                ExitsBundle.Loaded b = ExitsBundle.read(model, manager);
                ModelBundle.checkImagesFit(b.manifest(), set, model);
                double p = threshold != null ? threshold : b.param();
                ExitingPredictor predictor = b.predictor(p);
                BatchAssembler data = new BatchAssembler(set, b.manifest().normalization());
                List<ExitPrediction> all = List.of(predictor.predictAll(manager, data));
                text = format.equals("csv") ? csv(all, b.manifest().classNames()) : json(all, b.manifest().classNames());
            }
            if (out != null) {
                AtomicFiles.write(out, text.getBytes(StandardCharsets.UTF_8));
                Console.info("wrote " + out);
            } else {
                System.out.print(text);
            }
            return ZeroWasteCli.OK;
        }

        static String csv(List<ExitPrediction> ps, List<String> names) {
            StringBuilder sb = new StringBuilder("index,label,class_name,confidence,exit_head,cost_fraction\n");
            for (int i = 0; i < ps.size(); i++) {
                ExitPrediction p = ps.get(i);
                sb.append(i).append(',').append(p.label()).append(',').append('"').append(names.get(p.label())).append('"')
                        .append(',').append(String.format("%.5f", p.confidence())).append(',').append(p.exitHead()).append(',')
                        .append(String.format("%.5f", p.costFraction())).append('\n');
            }
            return sb.toString();
        }

        static String json(List<ExitPrediction> ps, List<String> names) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (ExitPrediction p : ps) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("label", p.label());
                r.put("class_name", names.get(p.label()));
                r.put("confidence", p.confidence());
                r.put("exit_head", p.exitHead());
                r.put("cost_fraction", p.costFraction());
                rows.add(r);
            }
            return Json.toString(Map.of("predictions", rows)) + "\n";
        }
    }
}
