package io.zerowaste.cli;

import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.data.DatasetLocator;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.exits.app.ExitChoiceOptions;
import io.zerowaste.serve.BundleServing;
import io.zerowaste.serve.ModelDirServer;
import io.zerowaste.serve.ServeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code zerowaste serve}: an HTTP inference server for an early-exit bundle, or for the versions in a model folder. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve an early-exit bundle over HTTP (Javalin on Jetty 12) with micro-batching and dynamic exits.",
                "POST /v1/predict {\"instances\": [H×W×C pixel arrays 0..255 (or the same values flat), …]} (add \"pixel_range\": \"0-1\" "
                        + "for values 0..1), {\"images_base64\": [\"<PNG or JPEG, any size>\", …]}, or a PNG/JPEG body; "
                        + "POST /v2/models/NAME/infer (KServe Open Inference Protocol v2); GET / (live page), /health, /v1/model, "
                        + "/metrics (Prometheus), /v2/health/ready, /v2/models/NAME.",
                "--model-dir DIR serves the newest version in DIR and hot-swaps to each newer one; POST /v1/admin/reload asks at once.",
                "--precision is resolved for each version it loads; GET /v1/model and /metrics say which it computes in.",
                "SIGTERM stops accepting, answers what is queued and exits 0."})
final class ServeCommand implements Callable<Integer> {

    private static final ServeConfig D = ServeConfig.defaults();

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--model", required = true, paramLabel = "BUNDLE", description = "An exits bundle (e.g. RUN_DIR/ztw).")
        Path model;

        @Option(names = "--model-dir", required = true, paramLabel = "DIR",
                description = "A folder of versions, one exits bundle per subfolder, each put in place by an atomic rename. "
                        + "Serves the newest (manifest 'version' number, then folder name) and swaps to each newer one.")
        Path modelDir;
    }

    @Mixin
    ExitChoiceOptions choice;

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

    @Option(names = "--model-name", paramLabel = "NAME",
            description = "The model's name in the Open Inference Protocol paths /v2/models/NAME (default: ${DEFAULT-VALUE}).")
    String modelName = ServeConfig.DEFAULT_MODEL_NAME;

    @Option(names = "--admin-token", paramLabel = "TOKEN",
            description = "Lets POST /v1/admin/reload come from anywhere with 'Authorization: Bearer TOKEN' (default: none, loopback clients only).")
    String adminToken;

    @Option(names = "--monitor-data", paramLabel = "DIR",
            description = "A labelled IDX folder: each version's accuracy on its test split (first 2,000 images) is measured before "
                    + "it is swapped in and shown on /metrics and the live page (with --model-dir).")
    Path monitorData;

    @Mixin
    PrecisionOption precision;

    @Option(names = "--rescan", paramLabel = "D", description = "With --model-dir: rescan the folder this often besides watching it (default: ${DEFAULT-VALUE}).")
    String rescan = "2s";

    @Override
    public Integer call() throws Exception {
        ServeConfig cfg = D.with(host, port, maxBatch, maxWaitMs, queue).withModelName(modelName).withAdminToken(adminToken);
        Runnable stop;
        if (source.modelDir != null) {
            ImageSet monitor = monitorData == null ? null : DatasetLocator.load(monitorData).test().head(2000);
            ModelDirServer s = BundleServing.startModelDir(cfg, source.modelDir, new BundleServing.Options(choice.toChoice(), data::load, monitor,
                    precision.precision),
                    io.zerowaste.serve.bench.LoadGenerator.parseDuration(rescan), Console::info);
            Console.out("ready: version " + s.servedVersion() + " of " + source.modelDir + " on http://" + host + ":" + s.port()
                    + "  — watching for newer versions; GET / for the live page");
            stop = () -> s.stop(30);
        } else {
            if (monitorData != null) {
                throw ZeroWasteException.badInput("--monitor-data goes with --model-dir (it measures each version before the swap)");
            }
            BundleServing.Served s = BundleServing.start(cfg, source.model, choice.toChoice(), data::load, precision.precision, Console::info);
            Console.out("ready: " + s.id() + " (" + s.method() + ", threshold " + s.threshold() + ", " + s.version().precision()
                    + ") on http://" + host + ":" + s.server().port() + "  — POST /v1/predict or /v2/models/" + modelName + "/infer, GET / /health /v1/model /metrics");
            stop = () -> s.stop(30);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Console.info("stopping: answering queued requests …");
            stop.run();
            Console.info("stopped");
            stopped.countDown();
            Runtime.getRuntime().halt(ZeroWasteCli.OK); // a clean stop on SIGTERM exits 0, not 143
        }, "zerowaste-shutdown"));
        stopped.await();
        return ZeroWasteCli.OK;
    }
}
