package io.zerowaste.cli;

import io.zerowaste.serve.BundleServing;
import io.zerowaste.serve.ServeConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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

    @Override
    public Integer call() throws Exception {
        ServeConfig cfg = D.with(host, port, maxBatch, maxWaitMs, queue);
        BundleServing.Served s = BundleServing.start(cfg, model, choice.toChoice(), data::load, Console::info);
        Console.out("ready: " + s.id() + " (" + s.method() + ", threshold " + s.threshold() + ") on http://" + host + ":"
                + s.server().port() + "  — POST /v1/predict, GET /health /v1/model /metrics");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Console.info("stopping: answering queued requests …");
            s.stop(30);
            Console.info("stopped");
            stopped.countDown();
            Runtime.getRuntime().halt(ZeroWasteCli.OK); // a clean stop on SIGTERM exits 0, not 143
        }, "zerowaste-shutdown"));
        stopped.await();
        return ZeroWasteCli.OK;
    }
}
