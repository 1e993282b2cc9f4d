package io.zerowaste.serve;

import ai.djl.ndarray.NDManager;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.exits.app.ExitsBundle;
import io.zerowaste.exits.app.ExitsEvaluation;
import io.zerowaste.exits.predict.ExitPrediction;
import io.zerowaste.nn.bundle.BundleManifest;
import io.zerowaste.nn.bundle.ModelBundle;
import io.zerowaste.nn.engine.Engines;
import io.zerowaste.nn.engine.Precision;
import io.zerowaste.nn.model.ArchitectureSpec;
import io.zerowaste.nn.model.PrecisionChoices;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Serves exits bundles over HTTP (behind {@code zerowaste serve}): one bundle, or the versions in a model folder. */
public final class BundleServing {

    /** A running server and the model it answers with. */
    public record Served(InferenceServer server, ServedVersion version, String id, String method, double threshold) {

        /** Stops accepting, answers what is queued (for at most {@code graceSeconds}), then frees the model. */
        public void stop(int graceSeconds) {
            server.shutdown(graceSeconds);
            version.release().run();
        }
    }

    /**
     * How each version is served: its threshold choice, the data a budget is chosen on, the monitor slice (may be null),
     * and the precision asked for ({@code auto} is resolved for each version: its architecture may lack a bf16 form).
     */
    public record Options(ExitsEvaluation.Choice choice, Supplier<Dataset> data, ImageSet monitor, Precision precision) {

        /** In fp32, the path of before. */
        public Options(ExitsEvaluation.Choice choice, Supplier<Dataset> data, ImageSet monitor) {
            this(choice, data, monitor, Precision.FP32);
        }
    }

    private BundleServing() {}

    /**
     * Checks the bundle's manifest, starts the server at once (health checks answer while the model loads),
     * chooses the threshold, loads and warms the bundle and hands it to the server.
     */
    public static Served start(ServeConfig config, Path bundleDir, ExitsEvaluation.Choice choice, Supplier<Dataset> data,
            Consumer<String> log) throws IOException {
        return start(config, bundleDir, choice, data, Precision.FP32, log);
    }

    /** {@link #start(ServeConfig, Path, ExitsEvaluation.Choice, Supplier, Consumer)}, computing in {@code precision}. */
    public static Served start(ServeConfig config, Path bundleDir, ExitsEvaluation.Choice choice, Supplier<Dataset> data,
            Precision precision, Consumer<String> log) throws IOException {
        ModelBundle.readManifest(bundleDir); // fail fast on a bad path
        InferenceServer server = new InferenceServer(config).start();
        log.accept("listening on http://" + config.host() + ":" + server.port() + " (loading " + bundleDir + " …)");
        ModelDirectory.Lineage l = ModelDirectory.lineage(bundleDir);
        ServedVersion v;
        try {
            v = loader(config, new Options(choice, data, null, precision), log).load(bundleDir,
                    l.version() != null ? l.version() : bundleDir.getFileName().toString(), l.parent());
        } catch (IOException | RuntimeException e) {
            server.shutdown(0);
            throw e;
        } catch (Exception e) {
            server.shutdown(0);
            throw ZeroWasteException.badInput("cannot load " + bundleDir + ": " + e.getMessage(), e);
        }
        server.serve(v, 0);
        Map<?, ?> info = (Map<?, ?>) v.description().get();
        return new Served(server, v, v.modelId(), String.valueOf(info.get("method")), ((Number) info.get("threshold")).doubleValue());
    }

    /** Serves the newest version in {@code modelDir} and swaps to each newer one (see {@link ModelDirServer}). */
    public static ModelDirServer startModelDir(ServeConfig config, Path modelDir, Options options, Duration rescan, Consumer<String> log)
            throws IOException {
        return ModelDirServer.start(config, modelDir, loader(config, options, log), rescan, log);
    }

    /**
     * Loads an exits bundle in its precision at its chosen threshold (chosen in that precision) and warms it (a
     * one-image and a full micro-batch, whose answers are checked), then measures it on the monitor slice when there
     * is one. Nothing is served before all of that succeeded.
     */
    public static VersionLoader loader(ServeConfig config, Options options, Consumer<String> log) {
        return (dir, name, parent) -> {
            BundleManifest manifest = ModelBundle.readManifest(dir);
            if (!"exits".equals(manifest.kind())) {
                throw ZeroWasteException.badInput(dir + " is a '" + manifest.kind() + "' bundle, not an exits bundle (serve RUN_DIR/ztw, sdn or pbee)");
            }
            Precision.Choice precision = PrecisionChoices.forArchitecture(options.precision(), manifest.architecture());
            log.accept(precision.line() + " (version " + name + ")");
            String calibrated = PrecisionChoices.recordedIn(manifest);
            if (options.choice() instanceof ExitsEvaluation.Stored && !calibrated.equals(precision.precision().label())) {
                log.accept("note: version " + name + "'s threshold was calibrated in " + calibrated + "; pass --budget or --max-drop "
                        + "to choose one in " + precision.precision().label());
            }
            double threshold = ServedThreshold.of(dir, manifest, options.choice(), options.data(), precision);
            Engines.inferenceOnlyOnThisThread(); // loading runs on the watcher's thread, not the engine's
            NDManager manager = NDManager.newBaseManager(); // lives as long as the version is served; closed by release
            BundlePredictor predictor;
            ExitsBundle.Loaded b;
            try {
                b = ExitsBundle.read(dir, manager);
                b.model().setPrecision(precision.precision()); // before the first pass: warm-up makes the forms in it
                predictor = new BundlePredictor(b, manager, threshold, modelId(b));
                warm(predictor, b.manifest().architecture(), config.maxBatch());
            } catch (Exception | LinkageError e) {
                manager.close();
                throw e;
            }
            ArchitectureSpec a = b.manifest().architecture();
            double accuracy = options.monitor() == null ? Double.NaN : monitorAccuracy(predictor, options.monitor(), a, config.maxBatch(), log);
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("id", predictor.modelId());
            info.put("model_version", name);
            info.put("parent", parent);
            info.put("method", b.method().name());
            info.put("threshold", threshold);
            info.put("precision", precision.precision().label());
            info.put("precision_reason", precision.reason());
            info.put("manifest", b.manifest());
            return new ServedVersion(name, parent, predictor.modelId(), a.name(), a.channels(), a.height(), a.width(), predictor, () -> info,
                    predictor::close, accuracy, precision.precision().label());
        };
    }

    /** Runs the model on blank images, one and a full batch, and checks the answers: a model that cannot answer is not served. */
    static void warm(Predictor p, ArchitectureSpec a, int maxBatch) {
        int size = a.channels() * a.height() * a.width();
        for (int n : new int[] {1, maxBatch}) {
            float[][] images = new float[n][size];
            ExitPrediction[] out = p.predict(images);
            if (out.length != n) {
                throw ZeroWasteException.badInput("warm-up: the model answered " + out.length + " predictions for " + n + " images");
            }
            for (ExitPrediction e : out) {
                if (e.label() < 0 || e.label() >= p.classNames().size() || e.exitHead() < 0 || e.exitHead() >= p.heads()) {
                    throw ZeroWasteException.badInput("warm-up: the model answered label " + e.label() + " at head " + e.exitHead()
                            + ", outside its " + p.classNames().size() + " classes and " + p.heads() + " heads");
                }
            }
        }
    }

    /** Accuracy on the monitor slice (NaN, with a note, when its images are not the model's shape). */
    static double monitorAccuracy(Predictor p, ImageSet monitor, ArchitectureSpec a, int batch, Consumer<String> log) {
        int size = a.channels() * a.height() * a.width();
        if (monitor.imageSize() != size) {
            log.accept("--monitor-data images have " + monitor.imageSize() + " values, the model takes " + size + ": no accuracy for it");
            return Double.NaN;
        }
        int correct = 0;
        for (int from = 0; from < monitor.size(); from += batch) {
            int n = Math.min(batch, monitor.size() - from);
            float[][] images = new float[n][size];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < size; k++) {
                    images[i][k] = monitor.pixels()[(from + i) * size + k] & 0xff;
                }
            }
            ExitPrediction[] out = p.predict(images);
            for (int i = 0; i < n; i++) {
                correct += out[i].label() == monitor.labels()[from + i] ? 1 : 0;
            }
        }
        return monitor.size() == 0 ? Double.NaN : (double) correct / monitor.size();
    }

    /** The method and the first 12 hex digits of the parameters' SHA-256, e.g. {@code ztw@1a2b3c4d5e6f}. */
    static String modelId(ExitsBundle.Loaded b) {
        String sha = b.manifest().parametersSha256();
        return b.method().name() + "@" + (sha == null ? "?" : sha.substring(0, Math.min(12, sha.length())));
    }
}
