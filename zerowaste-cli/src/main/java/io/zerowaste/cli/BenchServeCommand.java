package io.zerowaste.cli;

import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.nn.engine.Precision;
import io.zerowaste.serve.bench.LoadGenerator;
import io.zerowaste.serve.bench.ServeLoad;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code zerowaste bench serve}: load a running server with test images and print throughput and latency. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Load generator for a running 'zerowaste serve': POSTs one test image per request and prints requests/s, "
                + "p50/p95/p99 latency and error counts. With --model it also checks every 200 against the offline predictor; "
                + "with --malformed a share of bad requests is mixed in; --precision is the check's and must be the server's.")
final class BenchServeCommand implements Callable<Integer> {

    @Option(names = "--url", paramLabel = "URL", description = "Server base URL (default: ${DEFAULT-VALUE}).")
    String url = "http://127.0.0.1:8080";

    @Option(names = "--concurrency", paramLabel = "N", description = "Clients (closed loop), or the in-flight cap / 64 with --rate (default: ${DEFAULT-VALUE}).")
    int concurrency = 32;

    @Option(names = "--duration", paramLabel = "D", description = "How long, e.g. 20s, 2m (default: ${DEFAULT-VALUE}).")
    String duration = "20s";

    @Option(names = "--rate", paramLabel = "R", description = "Open loop: send R requests per second whatever the answers (default: closed loop).")
    double rate;

    @Option(names = "--images", paramLabel = "N", description = "Distinct test images to send, round-robin (default: ${DEFAULT-VALUE}).")
    int images = 2000;

    @Option(names = "--per-request", paramLabel = "K", description = "Images in each request (default: ${DEFAULT-VALUE}).")
    int perRequest = 1;

    @Option(names = "--malformed", paramLabel = "F",
            description = "Share of requests that are malformed (broken JSON, wrong sizes, bad values, …), counted apart "
                    + "(default: ${DEFAULT-VALUE}).")
    double malformed;

    @Option(names = "--model", paramLabel = "BUNDLE", description = "The served bundle: check each answer against the offline predictor at the served threshold.")
    Path model;

    @Option(names = "--timeline", paramLabel = "FILE",
            description = "Write one CSV line per answered request (sent second, latency ms, status, model_version): latency over time, e.g. around hot swaps.")
    Path timeline;

    @Mixin
    DataOptions data;

    @Mixin
    PrecisionOption precision;

    @Override
    public Integer call() throws Exception {
        if (perRequest < 1 || perRequest > images) {
            throw ZeroWasteException.badInput("--per-request must be 1.." + images + " (got " + perRequest + ")");
        }
        if (!(malformed >= 0 && malformed < 1)) {
            throw ZeroWasteException.badInput("--malformed must be in [0, 1) (got " + malformed + ")");
        }
        ImageSet test = data.loadFor(model).test().head(images);
        // with --model the check computes in the precision asked for, which must be the server's
        Precision p = model == null ? null : precision.forBundle(model).precision();
        String served = servedPrecision();
        LoadGenerator.Result r = ServeLoad.run(url, test, perRequest, model, p, new ServeLoad.Load(concurrency, duration, rate, malformed),
                timeline, Console::info);
        Console.out(LoadGenerator.describe(r));
        if (served != null) {
            Console.out("precision   " + served + " (the server's, from /v1/model)");
        }
        if (perRequest > 1) {
            Console.out(String.format(Locale.ROOT, "images/s    %.1f  (%d per request)", r.requestsPerSecond() * perRequest, perRequest));
        }
        return ZeroWasteCli.OK;
    }

    /** The precision the server says it computes in, or null when it does not answer (the load test then says why). */
    private String servedPrecision() {
        try {
            return ServeLoad.servedModel(url).path("precision").asText(null);
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
