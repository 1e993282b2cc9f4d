package io.zerowaste.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zerowaste.core.io.Json;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InferenceServerTest {

    private InferenceServer server;
    private FakePredictor fake;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        startWithQueue(256);
    }

    private void startWithQueue(int queue) throws Exception {
        startWith(queue, 32);
    }

    private void startWith(int queue, int handlerThreads) throws Exception {
        if (server != null) {
            server.shutdown(0);
        }
        server = new InferenceServer(new ServeConfig("127.0.0.1", 0, 8, 20, queue, 64 << 10, 16, handlerThreads)).start();
        fake = new FakePredictor();
    }

    @AfterEach
    void stop() {
        server.shutdown(1);
    }

    private void ready() {
        server.setModel(fake, () -> Map.of("id", "fake@1", "threshold", 0.5), 28, 28);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private HttpResponse<String> post(String body, String type) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/v1/predict")).POST(HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            b.header("Content-Type", type);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String image(int first, int second) {
        int[] px = new int[784];
        px[0] = first;
        px[1] = second;
        return Arrays.toString(px);
    }

    @Test
    void healthIsReadyOnlyOnceTheModelIsLoaded() throws Exception {
        HttpResponse<String> before = client.send(HttpRequest.newBuilder(uri("/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(before.statusCode()).isEqualTo(503);
        assertThat(post("{\"instances\": [" + image(1, 0) + "]}", "application/json").statusCode()).isEqualTo(503);
        ready();
        HttpResponse<String> after = client.send(HttpRequest.newBuilder(uri("/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).contains("ready");
        HttpResponse<String> model = client.send(HttpRequest.newBuilder(uri("/v1/model")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(Json.MAPPER.readTree(model.body()).get("threshold").asDouble()).isEqualTo(0.5);
    }

    @Test
    void predictsInstancesAndPngs() throws Exception {
        ready();
        HttpResponse<String> r = post("{\"instances\": [" + image(3, 2) + "," + image(7, 1) + "]}", "application/json");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode p = Json.MAPPER.readTree(r.body());
        assertThat(p.get("model").asText()).isEqualTo("fake@1");
        assertThat(p.get("predictions").get(0).get("label").asInt()).isEqualTo(3);
        assertThat(p.get("predictions").get(0).get("class_name").asText()).isEqualTo("c3");
        assertThat(p.get("predictions").get(0).get("exit_head").asInt()).isEqualTo(2);
        assertThat(p.get("predictions").get(1).get("label").asInt()).isEqualTo(7);
        assertThat(p.get("predictions").get(1).get("cost_fraction").asDouble()).isCloseTo(2 / 3.0, org.assertj.core.api.Assertions.within(1e-9));

        // 0..1 values are scaled to 0..255: 5/255 → 5
        String fractions = "{\"pixel_range\": \"0-1\", \"instances\": [" + Arrays.toString(scaled(5)) + "]}";
        assertThat(Json.MAPPER.readTree(post(fractions, "application/json").body()).get("predictions").get(0).get("label").asInt()).isEqualTo(5);

        BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(0, 0, 0, 9);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        String body = "{\"images_base64\": [\"" + Base64.getEncoder().encodeToString(png.toByteArray()) + "\"]}";
        assertThat(Json.MAPPER.readTree(post(body, "application/json").body()).get("predictions").get(0).get("label").asInt()).isEqualTo(9);
    }

    private static String png(int w, int h) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY), "png", out);
            return Base64.getEncoder().encodeToString(out.toByteArray());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double[] scaled(int first) {
        double[] px = new double[784];
        px[0] = first / 255.0;
        return px;
    }

    @Test
    void badRequestsGetAJsonErrorAndTheServerKeepsServing() throws Exception {
        ready();
        Map<String, Integer> cases = new java.util.LinkedHashMap<>();
        cases.put("{\"instances\": [", 400); // malformed JSON
        cases.put("[1, 2]", 400); // not an object
        cases.put("{\"instances\": [[1, 2, 3]]}", 400); // wrong length
        cases.put("{\"instances\": [" + image(1, 0).replaceFirst(", 0", ", NaN") + "]}", 400); // NaN
        cases.put("{\"instances\": [" + image(1, 0).replaceFirst("1", "300") + "]}", 400); // out of range
        cases.put("{\"instances\": [" + image(1, 0).replaceFirst("1", "\"a\"") + "]}", 400); // a string
        cases.put("{\"instances\": \"x\"}", 400); // wrong type
        cases.put("{\"instances\": []}", 400); // empty
        cases.put("{\"instances\": [" + image(1, 0) + "], \"extra\": 1}", 400); // unknown field
        cases.put("{\"pixel_range\": 7, \"instances\": [" + image(1, 0) + "]}", 400); // a field of the wrong type
        cases.put("{\"images_base64\": [\"%%%\"]}", 400); // not base64
        cases.put("{\"images_base64\": [\"aGVsbG8=\"]}", 400); // not an image
        cases.put("{\"images_base64\": [\"R0lGODlhAQABAAAAACw=\"]}", 400); // a GIF: PNG and JPEG only
        for (Map.Entry<String, Integer> c : cases.entrySet()) {
            HttpResponse<String> r = post(c.getKey(), "application/json");
            assertThat(r.statusCode()).as(c.getKey()).isEqualTo(c.getValue());
            assertThat(Json.MAPPER.readTree(r.body()).get("error").asText()).as(c.getKey()).isNotBlank();
        }
        StringBuilder many = new StringBuilder("{\"instances\": [");
        for (int i = 0; i < 17; i++) {
            many.append(i == 0 ? "" : ",").append(image(1, 0));
        }
        HttpResponse<String> tooMany = post(many + "]}", "application/json");
        assertThat(tooMany.statusCode()).isEqualTo(413 == tooMany.statusCode() ? 413 : 400); // over the body limit or the count
        assertThat(post("x".repeat(70_000), "application/json").statusCode()).isEqualTo(413);
        assertThat(post("{\"instances\": [" + image(1, 0) + "]}", "text/plain").statusCode()).isEqualTo(415);
        assertThat(post("{\"instances\": [" + image(1, 0) + "]}", null).statusCode()).isEqualTo(415);
        HttpResponse<String> get = client.send(HttpRequest.newBuilder(uri("/v1/predict")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");
        HttpResponse<String> del = client.send(HttpRequest.newBuilder(uri("/metrics")).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(del.statusCode()).isEqualTo(405);
        // still serving
        assertThat(post("{\"instances\": [" + image(4, 0) + "]}", "application/json").statusCode()).isEqualTo(200);
    }

    @Test
    void concurrentRequestsEachGetTheirOwnAnswer() throws Exception {
        ready();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int label = i % 10;
            int head = (i / 10) % 3;
            results.add(pool.submit(() -> {
                HttpResponse<String> r = post("{\"instances\": [" + image(label, head) + "]}", "application/json");
                JsonNode p = Json.MAPPER.readTree(r.body()).get("predictions").get(0);
                return r.statusCode() == 200 && p.get("label").asInt() == label && p.get("exit_head").asInt() == head;
            }));
        }
        for (Future<Boolean> f : results) {
            assertThat(f.get()).isTrue();
        }
        pool.shutdown();
        assertThat(fake.batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(200);
        assertThat(fake.batchSizes.stream().mapToInt(Integer::intValue).max().getAsInt()).isGreaterThan(1).isLessThanOrEqualTo(8);
    }

    @Test
    void fullQueueAnswers503WithRetryAfter() throws Exception {
        startWithQueue(4);
        ready();
        fake.gate = new CountDownLatch(1); // the model is stuck: requests pile up
        ExecutorService pool = Executors.newFixedThreadPool(24);
        List<Future<HttpResponse<String>>> rs = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            rs.add(pool.submit(() -> post("{\"instances\": [" + image(1, 0) + "]}", "application/json")));
        }
        Thread.sleep(500);
        fake.gate.countDown();
        int ok = 0;
        int busy = 0;
        for (Future<HttpResponse<String>> f : rs) {
            HttpResponse<String> r = f.get();
            if (r.statusCode() == 503) {
                busy++;
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
            } else if (r.statusCode() == 200) {
                ok++;
            }
        }
        pool.shutdown();
        // the first batch (up to 8 images) was taken by the worker, 4 more wait in the queue; the rest are refused
        assertThat(busy).isGreaterThan(0);
        assertThat(ok + busy).isEqualTo(24);
        assertThat(ok).isLessThanOrEqualTo(8 + 4);
    }

    @Test
    void overloadIsRefusedAtOnceEvenWithMoreClientsThanHandlerThreads() throws Exception {
        startWith(4, 2);
        ready();
        fake.gate = new CountDownLatch(1); // the model is stuck
        ExecutorService pool = Executors.newFixedThreadPool(40);
        List<Future<HttpResponse<String>>> rs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rs.add(pool.submit(() -> post("{\"instances\": [" + image(1, 0) + "]}", "application/json")));
        }
        // while the model is still stuck, everything beyond one batch (8) and the queue (4) is already answered 503:
        // no handler thread waits for the model
        long deadline = System.currentTimeMillis() + 5000;
        while (rs.stream().filter(Future::isDone).count() < 40 - 8 - 4 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        List<Integer> early = new ArrayList<>();
        for (Future<HttpResponse<String>> f : rs) {
            if (f.isDone()) {
                early.add(f.get().statusCode());
            }
        }
        fake.gate.countDown();
        assertThat(early).hasSizeGreaterThanOrEqualTo(40 - 8 - 4).containsOnly(503);
        long ok = 0;
        for (Future<HttpResponse<String>> f : rs) {
            ok += f.get().statusCode() == 200 ? 1 : 0;
        }
        pool.shutdown();
        assertThat(ok).isPositive().isLessThanOrEqualTo(8 + 4);
    }

    @Test
    void metricsParseAsPrometheusText() throws Exception {
        ready();
        post("{\"instances\": [" + image(1, 2) + "," + image(2, 0) + "]}", "application/json");
        post("{\"instances\": [1]}", "application/json");
        String text = client.send(HttpRequest.newBuilder(uri("/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Pattern sample = Pattern.compile("^[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\"(,[a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\")*\\})? "
                + "[-+]?([0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?|NaN|\\+Inf|-Inf)$");
        for (String line : text.split("\n")) {
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                continue;
            }
            assertThat(line).as("sample line").matches(sample);
        }
        assertThat(text).contains("zerowaste_requests_total{status=\"200\"} 1", "zerowaste_requests_total{status=\"400\"} 1",
                "zerowaste_exits_total{head=\"2\"} 1", "zerowaste_exits_total{head=\"0\"} 1", "zerowaste_macs_backbone_total 600.0",
                "zerowaste_macs_spent_total 400.0", "zerowaste_batch_size_bucket{le=\"2.0\"} 1", "zerowaste_request_latency_seconds_count 2");
    }

    @Test
    void gracefulShutdownAnswersQueuedRequests() throws Exception {
        ready();
        fake.delayMs = 100;
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<HttpResponse<String>>> rs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int label = i;
            rs.add(pool.submit(() -> post("{\"instances\": [" + image(label, 0) + "]}", "application/json")));
        }
        Thread.sleep(150); // all six are in: some predicted, the rest queued
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.shutdown(10));
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> r = rs.get(i).get();
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(Json.MAPPER.readTree(r.body()).get("predictions").get(0).get("label").asInt()).isEqualTo(i);
        }
        stopping.get();
        pool.shutdown();
        // and nothing new is accepted
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> post("{\"instances\": [" + image(1, 0) + "]}", "application/json"))
                .isInstanceOf(java.io.IOException.class);
    }
}
