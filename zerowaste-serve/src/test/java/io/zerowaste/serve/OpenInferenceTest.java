package io.zerowaste.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zerowaste.core.io.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Open Inference Protocol v2 REST endpoints, checked against the protocol's JSON shapes. */
class OpenInferenceTest {

    private InferenceServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        server = new InferenceServer(new ServeConfig("127.0.0.1", 0, 8, 5, 64, 1 << 20, 16, 4).withModelName("fmnist")).start();
    }

    @AfterEach
    void stop() {
        server.shutdown(1);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Two 28×28×1 images; pixel 0 is the label the fake answers, pixel 1 the exit head. */
    private static String images(String datatype, List<Integer> shape) {
        List<Integer> data = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            for (int k = 0; k < 784; k++) {
                data.add(k == 0 ? 3 + i : k == 1 ? 2 * i : 0);
            }
        }
        return "{\"id\": \"req-7\", \"inputs\": [{\"name\": \"images\", \"shape\": " + shape + ", \"datatype\": \"" + datatype
                + "\", \"data\": " + data + "}]}";
    }

    @Test
    void healthAndMetadataFollowTheProtocol() throws Exception {
        assertThat(get("/v2/health/live").statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(get("/v2/health/live").body()).get("live").asBoolean()).isTrue();
        HttpResponse<String> notReady = get("/v2/health/ready");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(Json.MAPPER.readTree(notReady.body()).get("ready").asBoolean()).isFalse();

        server.setModel(new FakePredictor(), () -> Map.of("id", "fake@1"), 28, 28);
        assertThat(get("/v2/health/ready").statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(get("/v2/models/fmnist/ready").body()).get("ready").asBoolean()).isTrue();
        JsonNode meta = Json.MAPPER.readTree(get("/v2/models/fmnist").body());
        // model metadata response: name, versions, platform, inputs and outputs as tensor metadata {name, datatype, shape}
        assertThat(meta.get("name").asText()).isEqualTo("fmnist");
        assertThat(meta.get("versions").get(0).asText()).isEqualTo("1");
        assertThat(meta.get("platform").isTextual()).isTrue();
        for (JsonNode t : List.of(meta.get("inputs").get(0), meta.get("outputs").get(0))) {
            assertThat(fieldNames(t)).containsExactlyInAnyOrder("name", "datatype", "shape");
        }
        assertThat(meta.get("inputs").get(0).get("shape").toString()).isEqualTo("[-1,28,28,1]");
        assertThat(get("/v2/models/other").statusCode()).isEqualTo(404);
        assertThat(Json.MAPPER.readTree(get("/v2/models/other").body()).get("error").asText()).contains("fmnist");
    }

    @Test
    void inferRequestAndResponseHaveTheProtocolsShape() throws Exception {
        server.setModel(new FakePredictor(), () -> Map.of("id", "fake@1"), 28, 28);
        for (String[] form : new String[][] {{"UINT8", "[2, 28, 28, 1]"}, {"FP32", "[2, 784]"}, {"INT32", "[2, 28, 28]"}}) {
            HttpResponse<String> r = post("/v2/models/fmnist/infer", images(form[0], parseShape(form[1])));
            assertThat(r.statusCode()).as(form[0] + form[1] + ": " + r.body()).isEqualTo(200);
            JsonNode body = Json.MAPPER.readTree(r.body());
            // inference response: model_name, model_version, id, outputs [{name, shape, datatype, data}]
            assertThat(fieldNames(body)).contains("model_name", "model_version", "id", "outputs");
            assertThat(body.get("model_name").asText()).isEqualTo("fmnist");
            assertThat(body.get("model_version").asText()).isEqualTo("1");
            assertThat(body.get("id").asText()).isEqualTo("req-7");
            Map<String, JsonNode> outputs = new java.util.HashMap<>();
            for (JsonNode o : body.get("outputs")) {
                assertThat(fieldNames(o)).containsExactlyInAnyOrder("name", "shape", "datatype", "data");
                assertThat(o.get("shape").toString()).isEqualTo("[2]");
                assertThat(o.get("data").size()).isEqualTo(2);
                assertThat(o.get("datatype").asText()).isIn("INT64", "INT32", "FP32", "FP64", "BYTES");
                outputs.put(o.get("name").asText(), o);
            }
            assertThat(outputs.keySet()).containsExactlyInAnyOrder("label", "class_name", "confidence", "exit_head", "cost_fraction");
            assertThat(outputs.get("label").get("data").toString()).isEqualTo("[3,4]");
            assertThat(outputs.get("class_name").get("data").toString()).isEqualTo("[\"c3\",\"c4\"]");
            assertThat(outputs.get("exit_head").get("data").toString()).isEqualTo("[0,2]");
        }
        // outputs asked for by name: only those come back
        String some = images("UINT8", List.of(2, 784)).replace("}]}", "}], \"outputs\": [{\"name\": \"label\"}]}");
        JsonNode only = Json.MAPPER.readTree(post("/v2/models/fmnist/infer", some).body());
        assertThat(only.get("outputs").size()).isEqualTo(1);
        assertThat(only.get("outputs").get(0).get("name").asText()).isEqualTo("label");
    }

    @Test
    void badInferRequestsAreRefusedWithAnError() throws Exception {
        server.setModel(new FakePredictor(), () -> Map.of("id", "fake@1"), 28, 28);
        Map<String, Integer> cases = new java.util.LinkedHashMap<>();
        cases.put("{", 400);
        cases.put("{\"inputs\": []}", 400);
        cases.put(images("UINT8", List.of(2, 28, 28, 3)), 400); // shape does not fit the model
        cases.put(images("UINT8", List.of(3, 784)), 400); // data count does not match the shape
        cases.put(images("STRING", List.of(2, 784)), 400); // not a datatype
        cases.put(images("UINT8", List.of(2, 784)).replace("\"data\": [3", "\"data\": [300"), 400); // out of range
        cases.put(images("UINT8", List.of(2, 784)).replace("}]}", "}], \"outputs\": [{\"name\": \"logits\"}]}"), 400);
        for (Map.Entry<String, Integer> c : cases.entrySet()) {
            HttpResponse<String> r = post("/v2/models/fmnist/infer", c.getKey());
            assertThat(r.statusCode()).as(c.getKey().substring(0, Math.min(60, c.getKey().length()))).isEqualTo(c.getValue());
            assertThat(Json.MAPPER.readTree(r.body()).get("error").asText()).isNotBlank();
        }
        assertThat(post("/v2/models/nope/infer", images("UINT8", List.of(2, 784))).statusCode()).isEqualTo(404);
        assertThat(get("/v2/models/fmnist/infer").statusCode()).isEqualTo(405);
    }

    private static List<Integer> parseShape(String s) {
        List<Integer> out = new ArrayList<>();
        for (String p : s.replaceAll("[\\[\\] ]", "").split(",")) {
            out.add(Integer.parseInt(p));
        }
        return out;
    }

    private static Set<String> fieldNames(JsonNode n) {
        Set<String> out = new java.util.HashSet<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
