package io.zerowaste.serve.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.core.io.Json;
import io.zerowaste.exits.app.ExitsInference;
import io.zerowaste.exits.predict.ExitPrediction;
import io.zerowaste.nn.engine.Precision;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * A load test of a running server (behind {@code bench serve}): test images as request bodies, and with the
 * served bundle the answers the server should give, from the offline predictor at the served threshold.
 */
public final class ServeLoad {

    /** How to load the server: clients (or in-flight cap / 64 with a rate), how long, and requests/s (0: closed loop). */
    /** @param malformed the share of requests sent malformed on purpose (counted apart; 0 for none) */
    public record Load(int concurrency, String duration, double rate, double malformed) {}

    private ServeLoad() {}

    /**
     * Sends {@code images}, {@code perRequest} to a request, to {@code url}'s {@code /v1/predict}; with {@code model}
     * (may be null) every 200 is checked against the offline predictor.
     */
    public static LoadGenerator.Result run(String url, ImageSet images, int perRequest, Path model, Load load, Consumer<String> log)
            throws IOException, InterruptedException {
        return run(url, images, perRequest, model, load, null, log);
    }

    /** As above; with {@code timeline} (may be null) one CSV line per answer is written there ({@link LoadGenerator#recordTimeline}). */
    public static LoadGenerator.Result run(String url, ImageSet images, int perRequest, Path model, Load load, Path timeline,
            Consumer<String> log) throws IOException, InterruptedException {
        return run(url, images, perRequest, model, Precision.FP32, load, timeline, log);
    }

    /**
     * As above, the offline predictor that checks the answers computing in {@code precision} (fp32 or bf16; ignored
     * without {@code model}), which must be the one the server reports in {@code /v1/model}: the two precisions may
     * differ on a few labels.
     */
    public static LoadGenerator.Result run(String url, ImageSet images, int perRequest, Path model, Precision precision, Load load,
            Path timeline, Consumer<String> log) throws IOException, InterruptedException {
        List<byte[]> bodies = RequestBodies.of(images, perRequest);
        int requests = bodies.size();
        int[][] labels = null;
        int[][] heads = null;
        if (model != null) {
            JsonNode served = servedModel(url);
            double threshold = served.get("threshold").asDouble();
            String servedPrecision = served.path("precision").asText(Precision.FP32.label());
            if (!servedPrecision.equals(precision.label())) {
                throw ZeroWasteException.badInput("the server at " + url + " computes in " + servedPrecision + ", the check would run in "
                        + precision.label() + ": pass --precision " + servedPrecision);
            }
            List<ExitPrediction> p = ExitsInference.predict(model, images, threshold, precision).predictions();
            labels = new int[requests][perRequest];
            heads = new int[requests][perRequest];
            for (int k = 0; k < requests * perRequest; k++) {
                labels[k / perRequest][k % perRequest] = p.get(k).label();
                heads[k / perRequest][k % perRequest] = p.get(k).exitHead();
            }
            log.accept("checking answers against the offline predictor at threshold " + threshold + " in " + precision.label());
        }
        LoadGenerator g = new LoadGenerator(URI.create(url + "/v1/predict"), bodies, labels, heads, Math.max(4, load.concurrency()),
                load.malformed());
        log.accept("loading " + url + " for " + load.duration()
                + (load.rate() > 0 ? " at " + load.rate() + " requests/s" : " with " + load.concurrency() + " clients"));
        java.util.Queue<String> lines = timeline == null ? null : g.recordTimeline();
        long startedMs = System.currentTimeMillis();
        LoadGenerator.Result r = g.run(load.concurrency(), LoadGenerator.parseDuration(load.duration()), load.rate());
        if (lines != null) {
            StringBuilder sb = new StringBuilder("# started_epoch_ms=" + startedMs + "\nsent_s,latency_ms,status,model_version\n");
            lines.forEach(l -> sb.append(l).append('\n'));
            io.zerowaste.core.io.AtomicFiles.write(timeline, sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            log.accept("wrote " + lines.size() + " answers' timings to " + timeline);
        }
        return r;
    }

    /** What the server at {@code url} says about the model it answers with ({@code /v1/model}: threshold, precision, …). */
    public static JsonNode servedModel(String url) throws IOException, InterruptedException {
        HttpResponse<String> r;
        try {
            r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/v1/model")).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw ZeroWasteException.badInput("no server answers at " + url + " (start one with: zerowaste serve --model BUNDLE)");
        }
        JsonNode n = Json.MAPPER.readTree(r.body());
        if (r.statusCode() != 200 || !n.has("threshold")) {
            throw ZeroWasteException.badInput(url + "/v1/model did not give the served threshold (is the model loaded?)");
        }
        return n;
    }
}
