package io.zerowaste.cli;

import ai.djl.ndarray.NDManager;
import io.zerowaste.core.io.AtomicFiles;
import io.zerowaste.exits.app.ExitsBundle;
import io.zerowaste.exits.app.ExitsEvaluation;
import io.zerowaste.nn.engine.Engines;
import io.zerowaste.serve.BundlePredictor;
import io.zerowaste.serve.InferenceServer;
import io.zerowaste.serve.ServeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code zerowaste serve}: an HTTP inference server for an early-exit bundle. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve an early-exit bundle over HTTP with micro-batching and dynamic exits.",
                "POST /v1/predict {\"instances\": [[784 pixel values 0..255], …]} (add \"pixel_range\": \"0-1\" for values 0..1) "
                        + "or {\"images_base64\": [\"<28x28 PNG>\", …]}; GET /health, /v1/model, /metrics (Prometheus).",
                "SIGTERM stops accepting, answers what is queued and exits 0."})
final class ServeCommand implements Callable<Integer> {

    private static final ServeConfig D = ServeConfig.defaults();

    @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "An exits bundle (e.g. RUN_DIR/ztw).")
    Path model;

    @ArgGroup(exclusive = true)
    ExitsCommand.ChoiceOptions choice;

    @Mixin
    DataOptions data;

    @Option(names = "--host", paramLabel = "HOST", description = "Address to bind (default: ${DEFAULT-VALUE}; only this machine).")
    String host = D.host();

    @Option(names = "--port", paramLabel = "PORT", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port = D.port();

    @Option(names = "--max-batch", paramLabel = "N", description = "Most images per micro-batch (default: ${DEFAULT-VALUE}).")
    int maxBatch = D.maxBatch();

    @Option(names = "--max-wait-ms", paramLabel = "MS", description = "Longest a request waits for others to join its batch (default: ${DEFAULT-VALUE}).")
    int maxWaitMs = D.maxWaitMs();

    @Option(names = "--queue", paramLabel = "N", description = "Most requests waiting; beyond it the server answers 503 (default: ${DEFAULT-VALUE}).")
    int queue = D.queue();

    @Override
    public Integer call() throws Exception {
        ServeConfig cfg = D.with(host, port, maxBatch, maxWaitMs, queue);
        io.zerowaste.nn.bundle.BundleManifest manifest = io.zerowaste.nn.bundle.ModelBundle.readManifest(model); // fail fast on a bad path
        InferenceServer server = new InferenceServer(cfg).start();
        Console.info("listening on http://" + host + ":" + server.port() + " (loading " + model + " …)");
        double threshold = threshold(manifest);
        Engines.pytorch();
        NDManager manager = NDManager.newBaseManager();
        ExitsBundle.Loaded b = ExitsBundle.read(model, manager);
        String id = b.method().name() + "@" + (b.manifest().parametersSha256() == null ? "?" : b.manifest().parametersSha256().substring(0,
                Math.min(12, b.manifest().parametersSha256().length())));
        BundlePredictor predictor = new BundlePredictor(b, manager, threshold, id);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("id", id);
        info.put("threshold", threshold);
        info.put("manifest", b.manifest());
        server.setModel(predictor, () -> info, b.manifest().architecture().height(), b.manifest().architecture().width());
        Console.out("ready: " + id + " (" + b.method().name() + ", threshold " + threshold + ") on http://" + host + ":" + server.port()
                + "  — POST /v1/predict, GET /health /v1/model /metrics");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Console.info("stopping: answering queued requests …");
            server.shutdown(30);
            predictor.close();
            Console.info("stopped");
            stopped.countDown();
            Runtime.getRuntime().halt(ZeroWasteCli.OK); // a clean stop on SIGTERM exits 0, not 143
        }, "zerowaste-shutdown"));
        stopped.await();
        return ZeroWasteCli.OK;
    }

    /** The served threshold: --threshold, or chosen on validation for --budget / --max-drop, or the bundle's own. */
    private double threshold(io.zerowaste.nn.bundle.BundleManifest manifest) throws Exception {
        ExitsEvaluation.Choice c = (choice == null ? new ExitsCommand.ChoiceOptions() : choice).toChoice();
        if (c instanceof ExitsEvaluation.Fixed f) {
            return f.param();
        }
        if (c instanceof ExitsEvaluation.Stored && manifest.extra() != null && manifest.extra().get("param") instanceof Number p) {
            return p.doubleValue();
        }
        Path tmp = Files.createTempDirectory("zerowaste-serve-");
        try {
            ExitsEvaluation.Outcome o = ExitsEvaluation.run(model, data.load(), c, tmp);
            return o.chosen().param();
        } finally {
            AtomicFiles.deleteRecursively(tmp);
        }
    }
}
