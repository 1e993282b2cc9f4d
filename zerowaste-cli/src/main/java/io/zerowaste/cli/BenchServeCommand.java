package io.zerowaste.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.data.BatchAssembler;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.core.io.Json;
import io.zerowaste.exits.app.ExitsBundle;
import io.zerowaste.exits.predict.ExitPrediction;
import io.zerowaste.nn.engine.Engines;
import io.zerowaste.serve.bench.LoadGenerator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code zerowaste bench serve}: load a running server with test images and print throughput and latency. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Load generator for a running 'zerowaste serve': POSTs one test image per request and prints requests/s, "
                + "p50/p95/p99 latency and error counts. With --model it also checks every 200 against the offline predictor; "
                + "with --malformed a share of bad requests is mixed in.")
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

    @Mixin
    DataOptions data;

    @Override
    public Integer call() throws Exception {
        if (perRequest < 1 || perRequest > images) {
            throw ZeroWasteException.badInput("--per-request must be 1.." + images + " (got " + perRequest + ")");
        }
        if (!(malformed >= 0 && malformed < 1)) {
            throw ZeroWasteException.badInput("--malformed must be in [0, 1) (got " + malformed + ")");
        }
        ImageSet test = data.load().test().head(images);
        int requests = test.size() / perRequest;
        List<byte[]> bodies = new ArrayList<>();
        for (int r = 0; r < requests; r++) {
            List<int[]> instances = new ArrayList<>();
            for (int i = r * perRequest; i < (r + 1) * perRequest; i++) {
                int[] px = new int[test.imageSize()];
                for (int k = 0; k < px.length; k++) {
                    px[k] = test.pixels()[i * test.imageSize() + k] & 0xff;
                }
                instances.add(px);
            }
            bodies.add(Json.MAPPER.writeValueAsBytes(Map.of("instances", instances)));
        }
        int[][] labels = null;
        int[][] heads = null;
        if (model != null) {
            double threshold = servedThreshold();
            Engines.pytorch();
            labels = new int[requests][perRequest];
            heads = new int[requests][perRequest];
            try (NDManager manager = NDManager.newBaseManager()) {
                ExitsBundle.Loaded b = ExitsBundle.read(model, manager);
                BatchAssembler a = new BatchAssembler(test, b.manifest().normalization());
                ExitPrediction[] p = b.predictor(threshold).predictAll(manager, a);
                for (int k = 0; k < requests * perRequest; k++) {
                    labels[k / perRequest][k % perRequest] = p[k].label();
                    heads[k / perRequest][k % perRequest] = p[k].exitHead();
                }
            }
            Console.info("checking answers against the offline predictor at threshold " + threshold);
        }
        LoadGenerator g = new LoadGenerator(URI.create(url + "/v1/predict"), bodies, labels, heads, Math.max(4, concurrency), malformed);
        Console.info("loading " + url + " for " + duration + (rate > 0 ? " at " + rate + " requests/s" : " with " + concurrency + " clients"));
        LoadGenerator.Result r = g.run(concurrency, LoadGenerator.parseDuration(duration), rate);
        Console.out(LoadGenerator.describe(r));
        if (perRequest > 1) {
            Console.out(String.format(java.util.Locale.ROOT, "images/s    %.1f  (%d per request)", r.requestsPerSecond() * perRequest, perRequest));
        }
        return ZeroWasteCli.OK;
    }

    private double servedThreshold() throws Exception {
        HttpResponse<String> r;
        try {
            r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/v1/model")).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw ZeroWasteException.badInput("no server answers at " + url + " (start one with: zerowaste serve --model BUNDLE)");
        }
        JsonNode n = Json.MAPPER.readTree(r.body());
        if (r.statusCode() != 200 || !n.has("threshold")) {
            throw ZeroWasteException.badInput(url + "/v1/model did not give the served threshold (is the model loaded?)");
        }
        return n.get("threshold").asDouble();
    }
}
