package io.zerowaste.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.zerowaste.core.io.Json;
import io.zerowaste.exits.predict.ExitPrediction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * HTTP inference for an early-exit model on the JDK's HTTP server: {@code POST /v1/predict},
 * {@code GET /health}, {@code GET /v1/model}, {@code GET /metrics}. Requests are parsed on handler threads and
 * answered by one {@link MicroBatcher}; bad requests get a JSON error with 400/405/413/415, a full queue 503
 * with {@code Retry-After}. The server listens before the model is loaded; /health says ready once it is.
 */
public final class InferenceServer implements AutoCloseable {

    private static final long ANSWER_TIMEOUT_MS = 60_000;
    private static final com.fasterxml.jackson.databind.ObjectWriter COMPACT =
            Json.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

    private final ServeConfig config;
    private final HttpServer http;
    private final ThreadPoolExecutor handlers;
    private volatile Loaded loaded;
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();

    private record Loaded(Predictor predictor, MicroBatcher batcher, ServerMetrics metrics, RequestParser parser,
            Supplier<Object> manifest) {}

    public InferenceServer(ServeConfig config) throws IOException {
        this.config = config;
        this.http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 512);
        // bounded: under overload the dispatcher runs the handler itself, which answers 503 at once
        this.handlers = new ThreadPoolExecutor(config.handlerThreads(), config.handlerThreads(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(64, config.queue())), new ThreadPoolExecutor.CallerRunsPolicy());
        http.setExecutor(handlers);
        http.createContext("/v1/predict", this::predict);
        http.createContext("/v1/model", ex -> get(ex, () -> {
            Loaded l = loaded;
            return l == null ? null : json(200, l.manifest().get());
        }));
        http.createContext("/health", ex -> get(ex, () -> loaded == null ? json(503, Map.of("status", "loading"))
                : json(200, Map.of("status", "ready", "model", loaded.predictor().modelId()))));
        http.createContext("/metrics", ex -> get(ex, () -> {
            Loaded l = loaded;
            return l == null ? null : new Reply(200, "text/plain; version=0.0.4; charset=utf-8",
                    l.metrics().prometheus().getBytes(StandardCharsets.UTF_8));
        }));
        http.createContext("/", ex -> respond(ex, json(404, error("no such endpoint " + ex.getRequestURI().getPath()
                + " (use POST /v1/predict, GET /health, GET /v1/model, GET /metrics)"))));
    }

    /** Starts listening (the model may still be loading). */
    public InferenceServer start() {
        http.start();
        return this;
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    /** Makes the server ready: predictions of {@code rows}×{@code cols} images now go through {@code predictor}. */
    public void setModel(Predictor predictor, Supplier<Object> manifest, int rows, int cols) {
        ServerMetrics metrics = new ServerMetrics(predictor.heads());
        MicroBatcher batcher = new MicroBatcher(predictor, config.maxBatch(), config.maxWaitMs(), config.queue(), metrics);
        loaded = new Loaded(predictor, batcher, metrics, new RequestParser(rows, cols, config.maxInstances()), manifest);
    }

    private record Reply(int status, String contentType, byte[] body) {}

    private interface ReplySupplier {
        Reply get() throws IOException;
    }

    private void get(HttpExchange ex, ReplySupplier reply) throws IOException {
        if (!ex.getRequestMethod().equals("GET")) {
            ex.getResponseHeaders().add("Allow", "GET");
            respond(ex, json(405, error(ex.getRequestMethod() + " is not allowed on " + ex.getRequestURI().getPath() + " (use GET)")));
            return;
        }
        Reply r = reply.get();
        respond(ex, r != null ? r : json(503, error("the model is still loading")));
    }

    private void predict(HttpExchange ex) throws IOException {
        inFlight.incrementAndGet();
        try {
            predictCounted(ex);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void predictCounted(HttpExchange ex) throws IOException {
        long start = System.nanoTime();
        Loaded l = loaded;
        Reply r;
        try {
            r = answer(ex, l);
        } catch (BadRequest e) {
            r = json(e.status(), error(e.getMessage()));
        } catch (RuntimeException e) {
            r = json(500, error("prediction failed: " + e.getMessage()));
        }
        if (r.status() == 503) {
            ex.getResponseHeaders().add("Retry-After", "1");
        }
        if (r.status() == 405) {
            ex.getResponseHeaders().add("Allow", "POST");
        }
        respond(ex, r);
        if (l != null) {
            l.metrics().recordRequest(r.status(), (System.nanoTime() - start) / 1e9);
        }
    }

    private Reply answer(HttpExchange ex, Loaded l) throws IOException {
        if (!ex.getRequestMethod().equals("POST")) {
            throw new BadRequest(405, ex.getRequestMethod() + " is not allowed on /v1/predict (use POST)");
        }
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase().startsWith("application/json")) {
            throw new BadRequest(415, "Content-Type must be application/json (got " + (type == null ? "none" : type) + ")");
        }
        byte[] body = readLimited(ex.getRequestBody(), config.maxBodyBytes());
        if (l == null) {
            return json(503, error("the model is still loading"));
        }
        float[][] images = l.parser().parse(body);
        CompletableFuture<ExitPrediction[]> f = l.batcher().submit(images);
        if (f == null) {
            return json(503, error("the server is busy (queue full or shutting down); retry later"));
        }
        ExitPrediction[] preds;
        try {
            preds = f.get(ANSWER_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return json(503, error("interrupted"));
        } catch (ExecutionException e) {
            return json(500, error("prediction failed: " + e.getCause().getMessage()));
        } catch (TimeoutException e) {
            return json(503, error("no answer within " + ANSWER_TIMEOUT_MS / 1000 + " s"));
        }
        List<String> names = l.predictor().classNames();
        List<Map<String, Object>> out = new ArrayList<>(preds.length);
        for (ExitPrediction p : preds) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", p.label());
            m.put("class_name", p.label() < names.size() ? names.get(p.label()) : String.valueOf(p.label()));
            m.put("confidence", p.confidence());
            m.put("exit_head", p.exitHead());
            m.put("cost_fraction", p.costFraction());
            out.add(m);
        }
        Map<String, Object> body2 = new LinkedHashMap<>();
        body2.put("predictions", out);
        body2.put("model", l.predictor().modelId());
        return json(200, body2);
    }

    private static byte[] readLimited(InputStream in, int max) throws IOException {
        byte[] b = in.readNBytes(max + 1);
        if (b.length > max) {
            throw new BadRequest(413, "the body is larger than " + max + " bytes; send fewer images per request");
        }
        return b;
    }

    private static Map<String, Object> error(String message) {
        return Map.of("error", message);
    }

    private static Reply json(int status, Object body) {
        try {
            return new Reply(status, "application/json", COMPACT.writeValueAsBytes(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a reply", e);
        }
    }

    private static void respond(HttpExchange ex, Reply r) throws IOException {
        try (ex) {
            ex.getRequestBody().readAllBytes(); // drain, so the connection can be reused
            ex.getResponseHeaders().set("Content-Type", r.contentType());
            ex.sendResponseHeaders(r.status(), r.body().length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(r.body());
            }
        }
    }

    /**
     * Graceful stop: refuse new predictions (503), let every request already taken finish (their queued images
     * are still predicted) for at most {@code graceSeconds}, then close the listener and stop the batcher.
     * (The JDK server's own stop(delay) would also wait for idle keep-alive connections.)
     */
    public void shutdown(int graceSeconds) {
        Loaded l = loaded;
        if (l != null) {
            l.batcher().stopAccepting();
        }
        long end = System.currentTimeMillis() + graceSeconds * 1000L;
        try {
            while (inFlight.get() > 0 && System.currentTimeMillis() < end) {
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.stop(0);
        if (l != null) {
            l.batcher().close();
        }
        handlers.shutdown();
    }

    @Override
    public void close() {
        shutdown(5);
    }
}
