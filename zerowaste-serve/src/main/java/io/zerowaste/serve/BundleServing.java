package io.zerowaste.serve;

import ai.djl.ndarray.NDManager;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.exits.app.ExitsBundle;
import io.zerowaste.exits.app.ExitsEvaluation;
import io.zerowaste.nn.bundle.BundleManifest;
import io.zerowaste.nn.bundle.ModelBundle;
import io.zerowaste.nn.engine.Engines;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Serves an exits bundle over HTTP (behind {@code zerowaste serve}). */
public final class BundleServing {

    /** A running server and the model it answers with. */
    public record Served(InferenceServer server, BundlePredictor predictor, String id, String method, double threshold) {

        /** Stops accepting, answers what is queued (for at most {@code graceSeconds}), then frees the model. */
        public void stop(int graceSeconds) {
            server.shutdown(graceSeconds);
            predictor.close();
        }
    }

    private BundleServing() {}

    /**
     * Checks the bundle's manifest, starts the server at once (health checks answer while the model loads),
     * chooses the threshold, loads the bundle and hands it to the server.
     */
    public static Served start(ServeConfig config, Path bundleDir, ExitsEvaluation.Choice choice, Supplier<Dataset> data,
            Consumer<String> log) throws IOException {
        BundleManifest manifest = ModelBundle.readManifest(bundleDir); // fail fast on a bad path
        InferenceServer server = new InferenceServer(config).start();
        log.accept("listening on http://" + config.host() + ":" + server.port() + " (loading " + bundleDir + " …)");
        double threshold = ServedThreshold.of(bundleDir, manifest, choice, data);
        Engines.pytorch();
        NDManager manager = NDManager.newBaseManager(); // lives as long as the server; closed by Served.stop
        ExitsBundle.Loaded b = ExitsBundle.read(bundleDir, manager);
        String id = modelId(b);
        BundlePredictor predictor = new BundlePredictor(b, manager, threshold, id);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("id", id);
        info.put("threshold", threshold);
        info.put("manifest", b.manifest());
        server.setModel(predictor, () -> info, b.manifest().architecture().height(), b.manifest().architecture().width());
        return new Served(server, predictor, id, b.method().name(), threshold);
    }

    /** The method and the first 12 hex digits of the parameters' SHA-256, e.g. {@code ztw@1a2b3c4d5e6f}. */
    static String modelId(ExitsBundle.Loaded b) {
        String sha = b.manifest().parametersSha256();
        return b.method().name() + "@" + (sha == null ? "?" : sha.substring(0, Math.min(12, sha.length())));
    }
}
