package io.zerowaste.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zerowaste.core.config.ExitsConfig;
import io.zerowaste.core.data.Dataset;
import io.zerowaste.core.data.DatasetLocator;
import io.zerowaste.core.data.ImageSet;
import io.zerowaste.core.io.Json;
import io.zerowaste.exits.app.ExitsEvaluation;
import io.zerowaste.exits.app.ExitsInference;
import io.zerowaste.exits.app.ExitsTraining;
import io.zerowaste.exits.predict.ExitPrediction;
import io.zerowaste.nn.engine.Precision;
import io.zerowaste.serve.bench.RequestBodies;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --model-dir --precision bf16} with a real exits bundle trained on the fixture: every version loads,
 * warms and answers in bf16 and says so in {@code /v1/model}, the Open Inference metadata and {@code /metrics}; a
 * hot-swapped version is bf16 too.
 * <p>
 * Stated tolerance: over HTTP at threshold 0.6 (which spreads the exits over the heads), in requests of 8 images, the
 * served bf16 labels agree with the fp32 offline predictor's on at least 197 of the fixture's 200 test images (1.5 %: bf16 keeps 8 significant bits, and only an
 * image near a class boundary or an exit threshold can flip), and they equal the bf16 offline predictor's on all of
 * them (the same scripted forms, whatever the batch). The bf16 path must also really run: some confidence differs
 * from fp32's.
 */
class Bf16ServeTest {

    @TempDir
    static Path tmp;

    static Dataset data;
    static Path bundle;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void train() {
        data = DatasetLocator.load(Path.of(System.getProperty("zerowaste.fixture")));
        ExitsConfig cfg = ExitsConfig.defaults().withMethods(List.of("ztw")).withBackboneEpochs(2).withHeadEpochs(2)
                .withEnsembleEpochs(3).withEnsembleBatch(128).withBatchSize(64).withTrainLimit(600);
        bundle = ExitsTraining.run(data, cfg, tmp.resolve("run"), List.of(), s -> { }).bundles().get("ztw");
    }

    @Test
    void everyVersionServesInBf16AndAgreesWithFp32OnNearlyEveryImage() throws Exception {
        Path models = Files.createDirectories(tmp.resolve("models"));
        copy(bundle, models.resolve("v1"));
        List<String> log = new CopyOnWriteArrayList<>();
        ServeConfig config = new ServeConfig("127.0.0.1", 0, 64, 2, 1024, 4 << 20, 256, 8);
        BundleServing.Options options = new BundleServing.Options(new ExitsEvaluation.Fixed(0.6), () -> data, null, Precision.BF16);
        try (ModelDirServer server = BundleServing.startModelDir(config, models, options, Duration.ofMillis(100), log::add)) {
            String base = "http://127.0.0.1:" + server.port();
            assertThat(log).anyMatch(l -> l.startsWith("precision bf16: asked for") && l.contains("(version v1)"));
            JsonNode model = get(base + "/v1/model");
            assertThat(model.get("precision").asText()).isEqualTo("bf16");
            assertThat(model.get("precision_reason").asText()).startsWith("asked for");
            assertThat(get(base + "/v2/models/zerowaste").at("/parameters/precision").asText()).isEqualTo("bf16");
            assertThat(text(base + "/metrics")).contains("zerowaste_model_info{model=\"" + model.get("id").asText()
                    + "\",precision=\"bf16\",version=\"v1\"} 1");

            ImageSet test = data.test();
            List<ExitPrediction> fp32 = ExitsInference.predict(bundle, test, 0.6, Precision.FP32).predictions();
            List<ExitPrediction> bf16 = ExitsInference.predict(bundle, test, 0.6, Precision.BF16).predictions();
            List<JsonNode> served = predict(base, test, 8);
            assertThat(served).hasSize(test.size());
            int agreeFp32 = 0;
            int confidenceDiffers = 0;
            java.util.Set<Integer> heads = new java.util.TreeSet<>();
            for (int k = 0; k < served.size(); k++) {
                JsonNode p = served.get(k);
                assertThat(p.get("label").asInt()).as("image %d against offline bf16", k).isEqualTo(bf16.get(k).label());
                assertThat(p.get("exit_head").asInt()).as("image %d against offline bf16", k).isEqualTo(bf16.get(k).exitHead());
                agreeFp32 += p.get("label").asInt() == fp32.get(k).label() ? 1 : 0;
                heads.add(p.get("exit_head").asInt());
                confidenceDiffers += (float) p.get("confidence").asDouble() != fp32.get(k).confidence() ? 1 : 0;
            }
            assertThat(heads).as("exit heads used: later stages ran too").hasSizeGreaterThan(1);
            assertThat(agreeFp32).as("labels equal to fp32's, of 200").isGreaterThanOrEqualTo(197);
            assertThat(confidenceDiffers).as("confidences that bf16 moved (it really ran)").isPositive();

            copy(bundle, models.resolve("v2")); // a hot swap: the new version loads and warms in bf16 too
            server.checkNow(); // or the watcher got there first
            long end = System.currentTimeMillis() + 60_000;
            while (!"v2".equals(server.servedVersion()) && System.currentTimeMillis() < end) {
                Thread.sleep(50);
            }
            assertThat(server.swapHistory()).extracting(SwapHistory.Event::to).containsExactly("v1", "v2");
            assertThat(server.swapHistory()).allMatch(SwapHistory.Event::ok);
            assertThat(server.servedVersion()).isEqualTo("v2");
            assertThat(log).anyMatch(l -> l.startsWith("precision bf16: asked for") && l.contains("(version v2)"));
            assertThat(server.server().served().precision()).isEqualTo("bf16");
            assertThat(get(base + "/v1/model").get("precision").asText()).isEqualTo("bf16");
            assertThat(text(base + "/metrics")).contains("precision=\"bf16\",version=\"v2\"");
        }
    }

    private List<JsonNode> predict(String base, ImageSet images, int perRequest) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (byte[] body : RequestBodies.of(images, perRequest)) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/predict"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            Json.MAPPER.readTree(r.body()).get("predictions").forEach(out::add);
        }
        return out;
    }

    private JsonNode get(String url) throws Exception {
        return Json.MAPPER.readTree(text(url));
    }

    private String text(String url) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
        return r.body();
    }

    /** Puts a copy of {@code from} in place as a finished version appears: written aside, then renamed. */
    private static void copy(Path from, Path to) throws Exception {
        Path aside = to.resolveSibling(to.getFileName() + ".tmp");
        Files.createDirectories(aside);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, aside.resolve(f.getFileName()));
            }
        }
        Files.move(aside, to, StandardCopyOption.ATOMIC_MOVE);
    }
}
