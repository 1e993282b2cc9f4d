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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * HTTP inference for an early-exit model on the JDK's HTTP server: {@code POST /v1/predict},
 * {@code GET /health}, {@code GET /v1/model}, {@code GET /metrics}. Requests are parsed on handler threads and
 * answered by one {@link MicroBatcher} without any thread waiting for the model; bad requests get a JSON error with 400/405/413/415, a full queue 503
 * with {@code Retry-After}. The server listens before the model is loaded; /health says ready once it is.
 */
public final class InferenceServer implements AutoCloseable {

    private static final long ANSWER_TIMEOUT_MS = 60_000;
    private static final String BUSY = "the server is busy (queue full or shutting down); retry later";
    private static final com.fasterxml.jackson.databind.ObjectWriter COMPACT =
            Json.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

    private final ServeConfig config;
    private final HttpServer http;
    private final ThreadPoolExecutor handlers;
    private final ExecutorService responders;
    private volatile Loaded loaded;
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();

    private record Loaded(Predictor predictor, MicroBatcher batcher, ServerMetrics metrics, RequestParser parser,
            Supplier<Object> manifest) {}

    public InferenceServer(ServeConfig config) throws IOException {
        this.config = config;
        this.http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 512);
        // Handlers only parse and queue (never wait for the model). Their own queue is short, so waiting happens
        // in the batch queue, where overload is seen; when it is full too, the dispatcher runs the handler
        // itself, which answers 503 without parsing when the batch queue is full.
        this.handlers = new ThreadPoolExecutor(config.handlerThreads(), config.handlerThreads(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(8 * config.handlerThreads()), new ThreadPoolExecutor.CallerRunsPolicy());
        // Answers are written here once a batch has run; at most one task per queued request, so the queue is
        // bounded by the batch queue.
        this.responders = Executors.newFixedThreadPool(config.handlerThreads(), daemon("zerowaste-respond"));
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

    /**
     * Parses and queues on the handler thread, answers on a responder thread once the batch has run: no thread
     * waits for the model, so a full queue is answered 503 at once however many requests wait.
     */
    private void predict(HttpExchange ex) throws IOException {
        inFlight.incrementAndGet();
        long start = System.nanoTime();
        Loaded l = loaded;
        CompletableFuture<ExitPrediction[]> pending;
        try {
            pending = submit(ex, l);
        } catch (BadRequest e) {
            finish(ex, l, start, json(e.status(), error(e.getMessage())));
            return;
        } catch (RuntimeException | IOException e) {
            finish(ex, l, start, json(500, error("prediction failed: " + e.getMessage())));
            return;
        }
        pending.orTimeout(ANSWER_TIMEOUT_MS, TimeUnit.MILLISECONDS).whenCompleteAsync((preds, err) -> {
            Reply r;
            if (err == null) {
                r = json(200, predictionsBody(l, preds));
            } else {
                Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null ? err.getCause() : err;
                r = cause instanceof TimeoutException ? json(503, error("no answer within " + ANSWER_TIMEOUT_MS / 1000 + " s"))
                        : json(500, error("prediction failed: " + cause.getMessage()));
            }
            try {
                finish(ex, l, start, r);
            } catch (IOException e) {
                // the client went away; nothing to answer
            }
        }, responders);
    }

    /** Checks and parses the request and queues its images; a 4xx/503 comes back as a {@link BadRequest}. */
    private CompletableFuture<ExitPrediction[]> submit(HttpExchange ex, Loaded l) throws IOException {
        if (!ex.getRequestMethod().equals("POST")) {
            throw new BadRequest(405, ex.getRequestMethod() + " is not allowed on /v1/predict (use POST)");
        }
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase().startsWith("application/json")) {
            throw new BadRequest(415, "Content-Type must be application/json (got " + (type == null ? "none" : type) + ")");
        }
        byte[] body = readLimited(ex.getRequestBody(), config.maxBodyBytes());
        if (l == null) {
            throw new BadRequest(503, "the model is still loading");
        }
        if (l.batcher().refusing()) { // answer overload before paying for the parse
            throw new BadRequest(503, BUSY);
        }
        float[][] images = l.parser().parse(body);
        CompletableFuture<ExitPrediction[]> f = l.batcher().submit(images);
        if (f == null) {
            throw new BadRequest(503, BUSY);
        }
        return f;
    }

    private void finish(HttpExchange ex, Loaded l, long start, Reply r) throws IOException {
        try {
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
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private static Map<String, Object> predictionsBody(Loaded l, ExitPrediction[] preds) {
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
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("predictions", out);
        body.put("model", l.predictor().modelId());
        return body;
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
        responders.shutdown();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        shutdown(5);
    }
}
