package io.zerowaste.cli;

import ai.djl.ndarray.NDManager;
import io.zerowaste.core.config.GlimpseConfig;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.result.GlimpseMetrics;
import io.zerowaste.core.result.PolicyMetrics;
import io.zerowaste.core.result.ResultEnvelope;
import io.zerowaste.core.result.Table;
import io.zerowaste.glimpse.app.GlimpseBundle;
import io.zerowaste.glimpse.app.GlimpseTraining;
import io.zerowaste.glimpse.policy.GlimpsePolicy;
import io.zerowaste.glimpse.train.GlimpseEvaluator;
import io.zerowaste.nn.engine.Engines;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code zerowaste glimpse train|eval}: classify from glimpses, choosing where to look from the model's uncertainty. */
@Command(name = "glimpse", mixinStandardHelpOptions = true, description = "Reuse partial input: glimpse-based classification.",
        subcommands = {GlimpseCommand.Train.class, GlimpseCommand.Eval.class, GlimpseCommand.Explain.class})
final class GlimpseCommand {

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train a partial-input transformer per policy (the policy inside the training loop), evaluate on test after "
                    + "each glimpse and with the stop rule swept; writes RUN_DIR/<policy> bundles and RUN_DIR/results.json.")
    static final class Train implements Callable<Integer> {
        private static final GlimpseConfig D = GlimpseConfig.defaults();

        @Mixin
        DataOptions data;

        @Option(names = "--policy", paramLabel = "P", description = "entropy, random, checkerboard, raster, full or all (default: ${DEFAULT-VALUE}).")
        String policy = "entropy";

        @Option(names = "--glimpses", paramLabel = "T", description = "Glimpses per image (default: ${DEFAULT-VALUE}).")
        int glimpses = D.glimpses();

        @Option(names = "--epochs", paramLabel = "E", description = "Epochs per model (default: ${DEFAULT-VALUE}).")
        int epochs = D.epochs();

        @Option(names = "--width", paramLabel = "D", description = "Transformer width (default: ${DEFAULT-VALUE}).")
        int width = D.width();

        @Option(names = "--depth", paramLabel = "L", description = "Transformer layers (default: ${DEFAULT-VALUE}).")
        int depth = D.depth();

        @Option(names = "--seed", paramLabel = "S", description = "Root seed (default: ${DEFAULT-VALUE}).")
        long seed = D.seed();

        @Option(names = "--lr", paramLabel = "LR", description = "Peak learning rate of Adam's one-cycle schedule (default: ${DEFAULT-VALUE}).")
        double lr = D.learningRate();

        @Option(names = "--train-limit", paramLabel = "N", description = "Train on the first N training images only (0 = all).")
        int trainLimit;

        @Option(names = "--out", paramLabel = "RUN_DIR", description = "Run folder (default: ${DEFAULT-VALUE}).")
        Path out = Path.of("runs/glimpse");

        @Override
        public Integer call() {
            GlimpseConfig cfg = new GlimpseConfig(GlimpseConfig.expand(policy), glimpses, width, depth, D.heads(), epochs, D.batchSize(),
                    lr, seed, trainLimit);
            ResultEnvelope<GlimpseMetrics> r = GlimpseTraining.run(data.load(), cfg, out, List.of(new ProgressBarHook()), Console::info);
            Console.out(table(r.metrics()));
            Console.out("results: " + out.resolve(ResultEnvelope.FILE_NAME));
            Console.out(Reports.writeNextTo(out));
            return ZeroWasteCli.OK;
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Accuracy after each glimpse and, with the stop rule swept, accuracy against the share of pixels seen.")
    static final class Eval implements Callable<Integer> {
        @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "A glimpse bundle (RUN_DIR/<policy>).")
        Path model;

        @Mixin
        DataOptions data;

        @Option(names = "--policy", paramLabel = "P", description = "Another policy than the one the model was trained with.")
        String policy;

        @Option(names = "--stop-threshold", paramLabel = "T", description = "Only this stop threshold (default: a sweep).")
        Double stopThreshold;

        @Override
        public Integer call() {
            Dataset d = data.load();
            Engines.pytorch();
            try (NDManager manager = NDManager.newBaseManager()) {
                GlimpseBundle.Loaded b = GlimpseBundle.read(model, manager);
                String p = policy != null ? policy : b.policy();
                if ("full".equals(p)) {
                    Console.out("full-image accuracy %: " + Table.pct(GlimpseEvaluator.fullImageAccuracy(b.model(), manager,
                            new BatchAssembler(d.test(), b.manifest().normalization()))));
                    return ZeroWasteCli.OK;
                }
                double[] taus = stopThreshold != null ? new double[] {stopThreshold} : GlimpseEvaluator.THRESHOLDS;
                GlimpseEvaluator.Result r = GlimpseEvaluator.evaluate(b.model(), manager, new BatchAssembler(d.test(),
                        b.manifest().normalization()), GlimpsePolicy.of(p), b.glimpses(), b.start(), 0, taus);
                Table t = new Table("glimpses", "accuracy %", "reconstruction RMSE");
                for (int i = 0; i < r.accuracyByGlimpses().length; i++) {
                    t.row(i + 1, Table.pct(r.accuracyByGlimpses()[i]), String.format("%.4f", r.rmseByGlimpses()[i]));
                }
                Table s = new Table("stop τ", "accuracy %", "pixels seen %");
                for (int k = 0; k < taus.length; k++) {
                    s.row(taus[k], Table.pct(r.stopAccuracy()[k]), Table.pct(r.stopPixelFraction()[k]));
                }
                Console.out("policy " + p + "\n" + t + "\n" + s);
            }
            return ZeroWasteCli.OK;
        }
    }

    @Command(name = "explain", mixinStandardHelpOptions = true,
            description = "Draw one test image, the glimpses in the order taken, the reconstruction and the prediction after each step.")
    static final class Explain implements Callable<Integer> {
        @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "A glimpse bundle (RUN_DIR/<policy>).")
        Path model;

        @Mixin
        DataOptions data;

        @Option(names = "--index", paramLabel = "I", description = "Which test image (default: ${DEFAULT-VALUE}).")
        int index;

        @Option(names = "--policy", paramLabel = "P", description = "Another policy than the one the model was trained with.")
        String policy;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "FILE.png or FILE.svg.")
        Path out;

        @Override
        public Integer call() throws Exception {
            String name = out.getFileName().toString().toLowerCase();
            if (!name.endsWith(".png") && !name.endsWith(".svg")) {
                throw io.zerowaste.core.ZeroWasteException.badInput("--out must end in .png or .svg (got " + out + ")");
            }
            Dataset d = data.load();
            if (index < 0 || index >= d.test().size()) {
                throw io.zerowaste.core.ZeroWasteException.badInput("--index " + index + " is outside the " + d.test().size() + " test images");
            }
            Engines.pytorch();
            try (NDManager manager = NDManager.newBaseManager()) {
                GlimpseBundle.Loaded b = GlimpseBundle.read(model, manager);
                String p = policy != null ? policy : b.policy();
                if ("full".equals(p)) {
                    throw io.zerowaste.core.ZeroWasteException.badInput("a full-image model takes no glimpses: pass --policy entropy|random|checkerboard|raster");
                }
                var steps = io.zerowaste.glimpse.explain.ExplainEpisode.run(b, GlimpsePolicy.of(p), d.test(), index, manager);
                int label = d.test().labels()[index];
                float[] raw = new float[d.test().imageSize()];
                for (int k = 0; k < raw.length; k++) {
                    raw[k] = (d.test().pixels()[index * raw.length + k] & 0xff) / 255f;
                }
                var img = io.zerowaste.glimpse.explain.ExplainPicture.render(b.model().grid(), raw, d.classNames().get(label), steps);
                java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
                javax.imageio.ImageIO.write(img, "png", png);
                byte[] bytes = name.endsWith(".png") ? png.toByteArray()
                        : ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + img.getWidth() + "\" height=\"" + img.getHeight()
                                + "\"><image width=\"" + img.getWidth() + "\" height=\"" + img.getHeight() + "\" href=\"data:image/png;base64,"
                                + java.util.Base64.getEncoder().encodeToString(png.toByteArray()) + "\"/></svg>\n")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                io.zerowaste.core.io.AtomicFiles.write(out, bytes);
                Console.out("wrote " + out + " (" + p + ", " + steps.size() + " glimpses; true class " + d.classNames().get(label) + ")");
            }
            return ZeroWasteCli.OK;
        }
    }

    static String table(GlimpseMetrics metrics) {
        Table t = new Table("policy", "1 glimpse", "2", "4", "8", "full image", "pixels % for full-1");
        for (Map.Entry<String, PolicyMetrics> e : metrics.policies().entrySet()) {
            PolicyMetrics m = e.getValue();
            List<Double> acc = m.accuracyByGlimpses();
            Object[] row = new Object[7];
            row[0] = e.getKey();
            int[] at = {1, 2, 4, 8};
            for (int k = 0; k < 4; k++) {
                row[k + 1] = at[k] <= acc.size() ? Table.pct(acc.get(at[k] - 1)) : null;
            }
            row[5] = Table.pct(m.fullImageAccuracy());
            row[6] = m.pixelFractionForFullMinus1() == null ? null : Table.pct(m.pixelFractionForFullMinus1());
            t.row(row);
        }
        return "test accuracy % after N glimpses; pixels seen with the stop rule to come within 1 point of full image\n" + t;
    }
}
