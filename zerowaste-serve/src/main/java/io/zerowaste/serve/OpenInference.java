package io.zerowaste.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.zerowaste.core.io.Json;
import io.zerowaste.exits.predict.ExitPrediction;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * KServe's Open Inference Protocol (v2) over REST, beside {@code /v1}, so that KServe and Triton clients can call the
 * server: {@code GET /v2}, {@code /v2/health/live}, {@code /v2/health/ready}, {@code /v2/models/NAME},
 * {@code /v2/models/NAME/ready} and {@code POST /v2/models/NAME/infer}.
 * <p>
 * An infer request has one input tensor of images: shape [N, H, W, C], [N, H, W] (one channel) or [N, H·W·C]
 * (channels last), any numeric datatype, values 0..255 (0..1 with {@code "parameters": {"pixel_range": "0-1"}}),
 * {@code data} flat in row-major order or nested; or datatype BYTES, shape [N], each element a base64 PNG or JPEG.
 * The answer has five output tensors of shape [N]: label (INT64), class_name (BYTES), confidence (FP32), exit_head
 * (INT32) and cost_fraction (FP64); a request's {@code outputs} may ask for some of them only.
 */
final class OpenInference {

    static final List<String> OUTPUTS = List.of("label", "class_name", "confidence", "exit_head", "cost_fraction");
    private static final Set<String> NUMERIC = Set.of("BOOL", "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32", "INT64",
            "FP16", "FP32", "FP64");

    private final InferenceServer server;
    private final String name;
    private final AtomicLong ids = new AtomicLong();

    OpenInference(InferenceServer server, String name) {
        this.server = server;
        this.name = name;
    }

    void routes(RoutesConfig routes) {
        InferenceServer.route(routes, "/v2", HandlerType.GET, ctx -> InferenceServer.reply(ctx,
                InferenceServer.json(200, Map.of("name", "zerowaste", "version", version(), "extensions", List.of()))));
        InferenceServer.route(routes, "/v2/health/live", HandlerType.GET,
                ctx -> InferenceServer.reply(ctx, InferenceServer.json(200, Map.of("live", true))));
        InferenceServer.route(routes, "/v2/health/ready", HandlerType.GET, ctx -> {
            boolean ready = server.active() != null;
            InferenceServer.reply(ctx, InferenceServer.json(ready ? 200 : 503, Map.of("ready", ready)));
        });
        InferenceServer.route(routes, "/v2/models/{name}", HandlerType.GET, ctx -> {
            InferenceServer.Active a = model(ctx);
            if (a != null) {
                InferenceServer.reply(ctx, InferenceServer.json(200, metadata(a)));
            }
        });
        InferenceServer.route(routes, "/v2/models/{name}/ready", HandlerType.GET, ctx -> {
            InferenceServer.Active a = model(ctx);
            if (a != null) {
                InferenceServer.reply(ctx, InferenceServer.json(200, Map.of("name", name, "ready", true)));
            }
        });
        InferenceServer.route(routes, "/v2/models/{name}/infer", HandlerType.POST, this::infer);
    }

    /** The served version when the path names this model (else a 404 or 503 is already answered). */
    private InferenceServer.Active model(Context ctx) {
        if (!name.equals(ctx.pathParam("name"))) {
            InferenceServer.reply(ctx, InferenceServer.json(404, InferenceServer.error("no model named '" + ctx.pathParam("name")
                    + "' (this server serves '" + name + "')")));
            return null;
        }
        InferenceServer.Active a = server.active();
        if (a == null) {
            InferenceServer.reply(ctx, InferenceServer.loading());
        }
        return a;
    }

    private Map<String, Object> metadata(InferenceServer.Active a) {
        ServedVersion v = a.version();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("versions", List.of(v.version()));
        m.put("platform", "zerowaste");
        m.put("inputs", List.of(tensorSpec("images", "FP32", List.of(-1, v.height(), v.width(), v.channels()))));
        m.put("outputs", List.of(tensorSpec("label", "INT64", List.of(-1)), tensorSpec("class_name", "BYTES", List.of(-1)),
                tensorSpec("confidence", "FP32", List.of(-1)), tensorSpec("exit_head", "INT32", List.of(-1)),
                tensorSpec("cost_fraction", "FP64", List.of(-1))));
        m.put("parameters", Map.of("model", v.modelId(), "architecture", String.valueOf(v.architecture()), "precision", v.precision()));
        return m;
    }

    private static Map<String, Object> tensorSpec(String name, String datatype, List<Integer> shape) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", name);
        t.put("datatype", datatype);
        t.put("shape", shape);
        return t;
    }

    private void infer(Context ctx) {
        if (!name.equals(ctx.pathParam("name"))) {
            InferenceServer.reply(ctx, InferenceServer.json(404, InferenceServer.error("no model named '" + ctx.pathParam("name")
                    + "' (this server serves '" + name + "')")));
            return;
        }
        String type = ctx.header("Content-Type");
        if (type == null || !type.toLowerCase().startsWith("application/json")) {
            InferenceServer.reply(ctx, InferenceServer.json(415, InferenceServer.error("Content-Type must be application/json (got "
                    + (type == null ? "none" : type) + ")")));
            return;
        }
        Request[] req = new Request[1];
        server.accept(ctx, (body, a) -> {
            req[0] = parse(body, a.parser());
            return req[0].images();
        }, (a, preds) -> answer(a.version(), req[0], preds));
    }

    /** A parsed infer request: its id (or one of ours), the images, and the outputs asked for. */
    record Request(String id, float[][] images, List<String> outputs) {}

    Request parse(byte[] body, RequestParser parser) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadRequest(400, "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadRequest(400, "unreadable body: " + e.getMessage());
        }
        if (root == null || !root.isObject() || !root.path("inputs").isArray()) {
            throw new BadRequest(400, "the body must be a JSON object with \"inputs\": [{\"name\", \"shape\", \"datatype\", \"data\"}]");
        }
        JsonNode inputs = root.get("inputs");
        if (inputs.size() != 1) {
            throw new BadRequest(400, "\"inputs\" has " + inputs.size() + " tensors; send exactly one (the images)");
        }
        double scale = RequestParser.scale(root.path("parameters").get("pixel_range"));
        String id = root.hasNonNull("id") ? root.get("id").asText() : "zw-" + ids.incrementAndGet();
        List<String> outputs = outputs(root.get("outputs"));
        float[][] images = images(inputs.get(0), parser, scale);
        return new Request(id, images, outputs);
    }

    private static List<String> outputs(JsonNode asked) {
        if (asked == null || asked.isNull()) {
            return OUTPUTS;
        }
        if (!asked.isArray()) {
            throw new BadRequest(400, "\"outputs\" must be an array of {\"name\": …}");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode o : asked) {
            String n = o.path("name").asText("");
            if (!OUTPUTS.contains(n)) {
                throw new BadRequest(400, "unknown output \"" + n + "\" (outputs: " + String.join(", ", OUTPUTS) + ")");
            }
            out.add(n);
        }
        return out.isEmpty() ? OUTPUTS : out;
    }

    private float[][] images(JsonNode input, RequestParser parser, double scale) {
        String datatype = input.path("datatype").asText("");
        JsonNode shapeNode = input.get("shape");
        if (shapeNode == null || !shapeNode.isArray() || shapeNode.isEmpty()) {
            throw new BadRequest(400, "inputs[0].shape must be an array of dimensions, e.g. [N, " + join(parser.hwc()) + "]");
        }
        long[] shape = new long[shapeNode.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            if (!shapeNode.get(i).canConvertToLong() || shapeNode.get(i).asLong() < 1) {
                throw new BadRequest(400, "inputs[0].shape[" + i + "] must be a positive integer");
            }
            shape[i] = shapeNode.get(i).asLong();
            count *= Math.min(shape[i], 1L << 31); // at most 2^30 × 2^31 here: no overflow
            if (count > 1L << 30) {
                throw new BadRequest(400, "inputs[0].shape " + shapeNode + " is far larger than a request can be");
            }
        }
        int n = (int) Math.min(shape[0], Integer.MAX_VALUE);
        if (n > server.config().maxInstances()) {
            throw new BadRequest(400, "inputs[0] has " + n + " images; at most " + server.config().maxInstances() + " per request");
        }
        List<Float> flat = new ArrayList<>();
        JsonNode data = input.get("data");
        if (data == null || !data.isArray()) {
            throw new BadRequest(400, "inputs[0].data must be an array");
        }
        if (datatype.equals("BYTES")) {
            return encoded(data, shape, parser);
        }
        if (!NUMERIC.contains(datatype)) {
            throw new BadRequest(400, "inputs[0].datatype \"" + datatype + "\" is not a tensor datatype (e.g. UINT8, FP32, or BYTES for PNG/JPEG)");
        }
        int[] hwc = parser.hwc();
        int size = parser.imageSize();
        boolean fits = shape.length == 4 && shape[1] == hwc[0] && shape[2] == hwc[1] && shape[3] == hwc[2]
                || shape.length == 3 && hwc[2] == 1 && shape[1] == hwc[0] && shape[2] == hwc[1]
                || shape.length == 2 && shape[1] == size;
        if (!fits) {
            throw new BadRequest(400, "inputs[0].shape " + java.util.Arrays.toString(shape) + " does not fit the model: use [N, "
                    + join(hwc) + "] (or [N, " + size + "] flat, channels last)");
        }
        flatten(data, flat, 0, count);
        if (flat.size() != count) {
            throw new BadRequest(400, "inputs[0].data has " + flat.size() + " values; shape " + java.util.Arrays.toString(shape)
                    + " needs " + count);
        }
        float[][] images = new float[n][];
        for (int i = 0; i < n; i++) {
            float[] px = new float[size];
            for (int k = 0; k < size; k++) {
                float v = flat.get(i * size + k);
                if (!(v >= 0 && v <= (scale == 1 ? 255 : 1))) {
                    throw new BadRequest(400, "inputs[0].data[" + (i * size + k) + "] = " + v + " is outside 0.." + (scale == 1 ? "255" : "1"));
                }
                px[k] = (float) (v * scale);
            }
            images[i] = parser.channelsFirst(px);
        }
        return images;
    }

    private static float[][] encoded(JsonNode data, long[] shape, RequestParser parser) {
        if (shape.length != 1 || shape[0] != data.size()) {
            throw new BadRequest(400, "a BYTES input has shape [N] and N base64 PNG or JPEG strings in data");
        }
        float[][] images = new float[data.size()][];
        for (int i = 0; i < data.size(); i++) {
            if (!data.get(i).isTextual()) {
                throw new BadRequest(400, "inputs[0].data[" + i + "] must be a base64 string");
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(data.get(i).asText());
            } catch (IllegalArgumentException e) {
                throw new BadRequest(400, "inputs[0].data[" + i + "] is not valid base64");
            }
            images[i] = parser.encodedImage(bytes, "inputs[0].data[" + i + "]");
        }
        return images;
    }

    /** Row-major values of a flat or nested array (stops early past {@code max}: the count check then refuses it). */
    private static void flatten(JsonNode node, List<Float> out, int depth, long max) {
        if (depth > 5) {
            throw new BadRequest(400, "inputs[0].data is nested deeper than the shape");
        }
        for (JsonNode v : node) {
            if (out.size() > max) {
                return;
            }
            if (v.isArray()) {
                flatten(v, out, depth + 1, max);
            } else if (v.isNumber()) {
                out.add((float) v.asDouble());
            } else if (v.isBoolean()) {
                out.add(v.asBoolean() ? 1f : 0f);
            } else {
                throw new BadRequest(400, "inputs[0].data holds " + v.getNodeType().toString().toLowerCase() + ", not a number");
            }
        }
    }

    Map<String, Object> answer(ServedVersion v, Request req, ExitPrediction[] preds) {
        int n = preds.length;
        List<String> names = v.predictor().classNames();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model_name", name);
        body.put("model_version", v.version());
        body.put("id", req.id());
        body.put("parameters", Map.of("model", v.modelId()));
        List<Map<String, Object>> outputs = new ArrayList<>();
        for (String o : req.outputs()) {
            List<Object> data = new ArrayList<>(n);
            String datatype;
            switch (o) {
                case "label" -> {
                    datatype = "INT64";
                    for (ExitPrediction p : preds) {
                        data.add((long) p.label());
                    }
                }
                case "class_name" -> {
                    datatype = "BYTES";
                    for (ExitPrediction p : preds) {
                        data.add(p.label() < names.size() ? names.get(p.label()) : String.valueOf(p.label()));
                    }
                }
                case "confidence" -> {
                    datatype = "FP32";
                    for (ExitPrediction p : preds) {
                        data.add(p.confidence());
                    }
                }
                case "exit_head" -> {
                    datatype = "INT32";
                    for (ExitPrediction p : preds) {
                        data.add(p.exitHead());
                    }
                }
                default -> {
                    datatype = "FP64";
                    for (ExitPrediction p : preds) {
                        data.add(p.costFraction());
                    }
                }
            }
            Map<String, Object> t = tensorSpec(o, datatype, List.of(n));
            t.put("data", data);
            outputs.add(t);
        }
        body.put("outputs", outputs);
        return body;
    }

    private static String join(int[] dims) {
        StringBuilder sb = new StringBuilder();
        for (int d : dims) {
            sb.append(sb.length() == 0 ? "" : ", ").append(d);
        }
        return sb.toString();
    }

    private static String version() {
        String v = OpenInference.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
