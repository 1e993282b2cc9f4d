package io.zerowaste.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zerowaste.core.io.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serve --model-dir: new versions swapped in under load with no failed request; bad versions refused while the old one serves. */
class HotSwapTest {

    @TempDir
    Path dir;

    private ModelDirServer server;
    private final List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(2);
        }
    }

    private ModelDirServer start(ServeConfig config) throws Exception {
        server = ModelDirServer.start(config, dir, new FakeVersions(), Duration.ofMillis(100), log::add);
        return server;
    }

    private static ServeConfig config() {
        return new ServeConfig("127.0.0.1", 0, 16, 2, 4096, 1 << 20, 16, 8);
    }

    private static String body(int label) {
        int[] px = new int[784];
        px[0] = label;
        px[1] = label % 3;
        return "{\"instances\": [" + Arrays.toString(px) + "]}";
    }

    /** What a load of {@code clients} closed-loop clients saw: statuses, transport errors, wrong answers, versions answering. */
    private final class Load implements AutoCloseable {
        final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        final Set<String> versions = ConcurrentHashMap.newKeySet();
        final AtomicBoolean running = new AtomicBoolean(true);
        final ExecutorService pool;

        Load(int clients) {
            pool = Executors.newFixedThreadPool(clients);
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/v1/predict");
            for (int c = 0; c < clients; c++) {
                int seed = c;
                pool.execute(() -> {
                    for (int i = 0; running.get() && i < 100_000; i++) {
                        int label = (seed + i) % 10;
                        try {
                            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body(label))).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            statuses.merge(r.statusCode(), 1, Integer::sum);
                            if (r.statusCode() == 200) {
                                JsonNode n = Json.MAPPER.readTree(r.body());
                                String v = n.get("model_version").asText();
                                versions.add(v);
                                // the answer names the version that computed it, and is this request's own
                                if (!n.get("model").asText().equals("fake@" + v) || n.get("predictions").get(0).get("label").asInt() != label) {
                                    problems.add("wrong answer: " + r.body());
                                }
                            } else if (r.statusCode() != 503) {
                                problems.add(r.statusCode() + ": " + r.body());
                            }
                        } catch (Exception e) {
                            problems.add("transport: " + e);
                        }
                    }
                });
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    private void awaitVersion(String v) throws InterruptedException {
        long end = System.currentTimeMillis() + 10_000;
        while (!v.equals(server.servedVersion()) && System.currentTimeMillis() < end) {
            Thread.sleep(20);
        }
        assertThat(server.servedVersion()).isEqualTo(v);
    }

    @Test
    void versionsSwapInUnderConcurrentLoadWithoutAFailedRequest() throws Exception {
        FakeVersions.write(dir, "v1", "1", "resnet14", 1, 28, false);
        start(config());
        assertThat(server.servedVersion()).isEqualTo("1");
        Load load = new Load(32);
        try (load) {
            Thread.sleep(300);
            for (int v = 2; v <= 4; v++) {
                FakeVersions.write(dir, "v" + v, String.valueOf(v), "resnet14", 1, 28, false);
                awaitVersion(String.valueOf(v));
                Thread.sleep(300); // answers from the new version, while the old one finishes what it took
            }
        }
        assertThat(load.problems).isEmpty();
        assertThat(load.statuses.keySet()).isSubsetOf(200, 503).contains(200);
        assertThat(load.versions).contains("1", "4");
        List<SwapHistory.Event> h = server.swapHistory();
        assertThat(h).extracting(SwapHistory.Event::to).containsExactly("1", "2", "3", "4");
        assertThat(h).allMatch(SwapHistory.Event::ok);
        String metrics = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("zerowaste_swaps_total 3.0", "zerowaste_swaps_failed_total 0.0", "zerowaste_swap_duration_seconds_count 3",
                "zerowaste_model_info{model=\"fake@4\",precision=\"fp32\",version=\"4\"} 1");
    }

    @Test
    void badVersionsAreRefusedInOneLineAndTheOldOneKeepsServing() throws Exception {
        FakeVersions.write(dir, "v1", "1", "resnet14", 1, 28, false);
        start(config());
        Load load = new Load(16);
        try (load) {
            FakeVersions.write(dir, "v2", "2", "resnet14", 3, 32, false); // wrong input shape
            FakeVersions.write(dir, "v3", "3", "resnet20", 1, 28, false); // another architecture
            FakeVersions.write(dir, "v4", "4", "resnet14", 1, 28, true); // corrupt parameters
            long end = System.currentTimeMillis() + 10_000;
            while (server.swapHistory().size() < 2 && System.currentTimeMillis() < end) {
                Thread.sleep(20);
            }
            // v4 is the newest: once it is refused, v2 and v3 are older than it and are not tried
            server.checkNow();
            Thread.sleep(300);
        }
        assertThat(load.problems).isEmpty();
        assertThat(load.statuses.keySet()).isSubsetOf(200, 503).contains(200);
        assertThat(load.versions).containsOnly("1");
        assertThat(server.servedVersion()).isEqualTo("1");
        List<SwapHistory.Event> refused = server.swapHistory().stream().filter(e -> !e.ok()).toList();
        assertThat(refused).isNotEmpty().allSatisfy(e -> {
            assertThat(e.error()).doesNotContain("\n").isNotBlank();
            assertThat(e.from()).isEqualTo("1");
        });
        assertThat(refused).anyMatch(e -> e.error().contains("damaged")); // v4, the newest, whatever the watcher saw first
        assertThat(log).anyMatch(l -> l.contains("version 4") && l.contains("not served") && l.contains("still serving 1"));
    }

    @Test
    void eachKindOfBadVersionIsRefusedWithItsReason() throws Exception {
        FakeVersions.write(dir, "v1", "1", "resnet14", 1, 28, false);
        start(config());
        Object[][] bad = {{"3", 32, "resnet14", false, "takes 3x32x32 images"}, {"1", 28, "resnet20", false, "another architecture"},
            {"1", 28, "resnet14", true, "damaged"}};
        int v = 2;
        for (Object[] b : bad) {
            FakeVersions.write(dir, "v" + v, String.valueOf(v), (String) b[2], Integer.parseInt((String) b[0]), (Integer) b[1], (Boolean) b[3]);
            SwapHistory.Event e = server.checkNow();
            if (e == null) { // the watcher was quicker
                e = server.swapHistory().get(server.swapHistory().size() - 1);
            }
            assertThat(e.ok()).isFalse();
            assertThat(e.to()).isEqualTo(String.valueOf(v));
            assertThat(e.error()).contains((String) b[4]).doesNotContain("\n");
            assertThat(server.servedVersion()).isEqualTo("1");
            v++;
        }
        String metrics = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("zerowaste_swaps_failed_total 3.0", "zerowaste_swaps_total 0.0");
        FakeVersions.write(dir, "v9", "9", "resnet14", 1, 28, false);
        awaitVersion("9");
    }

    @Test
    void adminReloadSwapsAtOnceAndIsGuardedByTheToken() throws Exception {
        FakeVersions.write(dir, "v1", "1", "resnet14", 1, 28, false);
        start(config().withAdminToken("s3cret"));
        URI reload = URI.create("http://127.0.0.1:" + server.port() + "/v1/admin/reload");
        HttpResponse<String> noToken = client.send(HttpRequest.newBuilder(reload).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(401);
        FakeVersions.write(dir, "v2", "2", "resnet14", 1, 28, false);
        HttpResponse<String> ok = client.send(HttpRequest.newBuilder(reload).header("Authorization", "Bearer s3cret")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(ok.body()).get("model_version").asText()).isEqualTo("2");
        assertThat(InferenceServer.loopback("127.0.0.1")).isTrue();
        assertThat(InferenceServer.loopback("192.0.2.1")).isFalse();
    }

    @Test
    void versionOrderIsTheManifestNumberThenTheFolderName() throws Exception {
        FakeVersions.write(dir, "b", "10", "resnet14", 1, 28, false);
        FakeVersions.write(dir, "a", "9", "resnet14", 1, 28, false);
        java.nio.file.Files.createDirectories(dir.resolve("c.tmp")); // still being written: not a version
        assertThat(ModelDirectory.versions(dir)).extracting(ModelDirectory.Candidate::name).containsExactly("9", "10");
        assertThat(ModelDirectory.natural("v2", "v10")).isNegative();
        assertThat(ModelDirectory.natural("v10", "v9")).isPositive();
        List<String> names = new ArrayList<>(List.of("v10", "v9", "v1"));
        names.sort(ModelDirectory::natural);
        assertThat(names).containsExactly("v1", "v9", "v10");
    }
}
