package io.zerowaste.serve;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.zerowaste.core.ZeroWasteException;
import io.zerowaste.core.io.Json;
import io.zerowaste.exits.predict.ExitPrediction;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * HTTP inference for an early-exit model on Javalin (Jetty 12): {@code POST /v1/predict}, {@code GET /health},
 * {@code GET /v1/model}, {@code GET /metrics} (Micrometer's Prometheus registry), the KServe Open Inference Protocol
 * v2 ({@link OpenInference}), {@code POST /v1/admin/reload} and the live page {@code GET /}.
 * <p>
 * Requests are parsed on Jetty's threads and answered asynchronously by the served version's {@link MicroBatcher}:
 * no thread waits for the model, so a full queue is answered 503 with {@code Retry-After} at once. Bad requests get a
 * JSON error with 400/405/413/415. The server listens before the model is loaded; /health says ready once it is.
 * <p>
 * Versions are swapped in by {@link #serve}: the new one, already loaded and warmed, takes every request from then
 * on; the old one stops taking requests, answers those it took, and is freed.
 */
public final class InferenceServer implements AutoCloseable {

    private static final long ANSWER_TIMEOUT_MS = 60_000;
    private static final long RETIRE_TIMEOUT_MS = 120_000;
    private static final String BUSY = "the server is busy (queue full or shutting down); retry later";
    static final ObjectWriter COMPACT = Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

    private final ServeConfig config;
    private final Javalin app;
    private final ExecutorService responders;
    private final ExecutorService retirer;
    private final ServerMetrics metrics = new ServerMetrics();
    private final SwapHistory history = new SwapHistory();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger versions = new AtomicInteger();
    private final Instant started = Instant.now();
    private volatile Active active;
    private volatile boolean stopping;
    private volatile int port = -1;
    private volatile Supplier<Object> reloadHook;

    /** The version answering now, with its own batcher; {@code retired} once another took its place. */
    record Active(ServedVersion version, MicroBatcher batcher, RequestParser parser, AtomicBoolean retired) {}

    /** A reply: status, content type, body. */
    record Reply(int status, String contentType, byte[] body) {}

    public InferenceServer(ServeConfig config) {
        this.config = config;
        this.responders = Executors.newFixedThreadPool(config.handlerThreads(), daemon("zerowaste-respond"));
        this.retirer = Executors.newSingleThreadExecutor(daemon("zerowaste-retire"));
        OpenInference oip = new OpenInference(this, config.modelName());
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            // our own connector instead of Javalin's default, for its accept queue (Javalin adds none when one is given)
            cfg.jetty.addConnector((server, http) -> {
                ServerConnector c = new ServerConnector(server, new HttpConnectionFactory(http));
                c.setHost(config.host());
                c.setPort(config.port());
                c.setAcceptQueueSize(ACCEPT_QUEUE);
                return c;
            });
            // Jetty's own threads (acceptors and selectors among them) plus the parsing handlers; none waits for the model
            QueuedThreadPool pool = new QueuedThreadPool(Math.max(16, 8 + 2 * config.handlerThreads()), 8);
            pool.setName("zerowaste-http");
            pool.setDaemon(true);
            cfg.jetty.threadPool = pool;
            cfg.http.maxRequestSize = Long.MAX_VALUE; // the body limit is ours (413 with a JSON error)
            cfg.http.asyncTimeout = 2 * ANSWER_TIMEOUT_MS;
            route(cfg.routes, "/v1/predict", HandlerType.POST, this::predict);
            route(cfg.routes, "/v1/model", HandlerType.GET, ctx -> {
                Active a = active;
                reply(ctx, a == null ? loading() : json(200, a.version().description().get()));
            });
            route(cfg.routes, "/health", HandlerType.GET, ctx -> {
                Active a = active;
                reply(ctx, a == null ? json(503, Map.of("status", "loading"))
                        : json(200, Map.of("status", "ready", "model", a.version().modelId(), "model_version", a.version().version())));
            });
            route(cfg.routes, "/metrics", HandlerType.GET,
                    ctx -> reply(ctx, new Reply(200, "text/plain; version=0.0.4; charset=utf-8", metrics.prometheus().getBytes(UTF8))));
            route(cfg.routes, "/v1/admin/reload", HandlerType.POST, this::reload);
            route(cfg.routes, "/v1/status", HandlerType.GET, ctx -> reply(ctx, json(200, StatusPage.status(this))));
            route(cfg.routes, "/", HandlerType.GET,
                    ctx -> reply(ctx, new Reply(200, "text/html; charset=utf-8", StatusPage.html(this).getBytes(UTF8))));
            oip.routes(cfg.routes);
            // last: anything no route above took
            for (HandlerType m : METHODS) {
                cfg.routes.addHttpHandler(m, "/*", ctx -> reply(ctx, json(404, error("no such endpoint " + ctx.path()
                        + " (use POST /v1/predict or /v2/models/" + config.modelName() + "/infer, GET /, /health, /v1/model, /metrics)"))));
            }
        });
    }

    /**
     * Connections the kernel may hold before Jetty accepts them (capped by net.core.somaxconn). The JDK's default, 50,
     * overflows when an overloaded server's acceptor is slow to be scheduled; the client's connection attempt is then
     * dropped and retried until it times out, a failure instead of an answer or a 503.
     */
    static final int ACCEPT_QUEUE = 1024;

    private static final java.nio.charset.Charset UTF8 = java.nio.charset.StandardCharsets.UTF_8;
    static final HandlerType[] METHODS = {HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.DELETE, HandlerType.PATCH,
        HandlerType.OPTIONS};

    /** A handler for one method; any other method on the path is answered 405 with {@code Allow}. */
    static void route(io.javalin.config.RoutesConfig routes, String path, HandlerType method, io.javalin.http.Handler handler) {
        for (HandlerType m : METHODS) {
            routes.addHttpHandler(m, path, m == method ? handler : ctx -> {
                ctx.header("Allow", method.name());
                reply(ctx, json(405, error(ctx.method().name() + " is not allowed on " + ctx.path() + " (use " + method.name() + ")")));
            });
        }
    }

    /** Starts listening (the model may still be loading). */
    public InferenceServer start() {
        app.start();
        port = app.port();
        return this;
    }

    /** The listening connector's accept queue, as Jetty holds it (for tests). */
    int acceptQueueSize() {
        return ((ServerConnector) app.jettyServer().server().getConnectors()[0]).getAcceptQueueSize();
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return port;
    }

    public ServeConfig config() {
        return config;
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    public SwapHistory history() {
        return history;
    }

    Instant started() {
        return started;
    }

    /** The version answering now, or null while loading. */
    public ServedVersion served() {
        Active a = active;
        return a == null ? null : a.version();
    }

    /** What {@code POST /v1/admin/reload} does (set by the model-folder watcher); without it the endpoint says so. */
    public void onReload(Supplier<Object> hook) {
        this.reloadHook = hook;
    }

    /** Makes the server ready with one version (named "1"): predictions of {@code rows}×{@code cols} one-channel images. */
    public void setModel(Predictor predictor, Supplier<Object> description, int rows, int cols) {
        serve(new ServedVersion("1", null, predictor.modelId(), "unknown", 1, rows, cols, predictor, description, () -> {}), 0);
    }

    /**
     * Serves {@code next} (loaded and warmed) from now on. Requests the previous version took finish on it; it is then
     * released. A version of another architecture or input shape is refused with a {@link ZeroWasteException}, and the
     * previous one keeps serving.
     *
     * @param loadSeconds how long loading and warming {@code next} took (recorded as the swap's duration)
     */
    public synchronized void serve(ServedVersion next, double loadSeconds) {
        Active old = active;
        if (old != null) {
            String why = old.version().incompatibility(next);
            if (why != null) {
                throw ZeroWasteException.badInput(why);
            }
        }
        long t0 = System.nanoTime();
        MicroBatcher batcher = new MicroBatcher(next.predictor(), config.maxBatch(), config.maxWaitMs(), config.queue(), metrics,
                "zerowaste-batcher-" + versions.incrementAndGet());
        RequestParser parser = new RequestParser(next.channels(), next.height(), next.width(), config.maxInstances());
        active = new Active(next, batcher, parser, new AtomicBoolean());
        metrics.servedVersion(next.version(), next.modelId(), next.precision());
        metrics.monitorAccuracy(next.monitorAccuracy());
        double seconds = loadSeconds + (System.nanoTime() - t0) / 1e9;
        if (old != null) {
            old.retired().set(true);
            metrics.recordSwap((long) (seconds * 1e9));
            retirer.execute(() -> retire(old));
        }
        history.add(new SwapHistory.Event(Instant.now(), old == null ? null : old.version().version(), next.version(), true, seconds, null,
                Double.isNaN(next.monitorAccuracy()) ? null : next.monitorAccuracy()));
    }

    /** Records a version that was not swapped in (the served one keeps serving). */
    public void recordFailedSwap(String version, double seconds, String error) {
        metrics.recordFailedSwap();
        ServedVersion cur = served();
        history.add(new SwapHistory.Event(Instant.now(), cur == null ? null : cur.version(), version, false, seconds, error, null));
    }

    /** Lets the old version answer what it took, then frees it. */
    private void retire(Active old) {
        try {
            old.batcher().drain(RETIRE_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            old.version().release().run();
        }
    }

    // ---------------------------------------------------------------- predictions

    private void predict(Context ctx) {
        String type = ctx.header("Content-Type");
        String lower = type == null ? "" : type.toLowerCase();
        boolean image = lower.startsWith("image/png") || lower.startsWith("image/jpeg");
        if (!image && !lower.startsWith("application/json")) {
            answerNow(ctx, json(415, error("Content-Type must be application/json, image/png or image/jpeg (got "
                    + (type == null ? "none" : type) + ")")));
            return;
        }
        accept(ctx, (body, a) -> image ? new float[][] {a.parser().encodedImage(body, "the image")} : a.parser().parse(body),
                (a, preds) -> predictionsBody(a.version(), preds));
    }

    /** Turns a request body into images for the version that will answer. */
    interface BodyReader {
        float[][] read(byte[] body, Active a);
    }

    /** Builds the answer body from the version that answered and its predictions. */
    interface AnswerWriter {
        Object write(Active a, ExitPrediction[] preds);
    }

    /**
     * The common path of every predict endpoint: read the body (413 over the limit), refuse at once when loading,
     * stopping or full (503), parse (4xx), queue on the served version's batcher, answer once its batch has run.
     */
    void accept(Context ctx, BodyReader reader, AnswerWriter writer) {
        long start = System.nanoTime();
        inFlight.incrementAndGet();
        CompletableFuture<ExitPrediction[]> pending;
        Active a;
        try {
            byte[] body = readLimited(ctx, config.maxBodyBytes());
            a = active;
            if (a == null) {
                throw new BadRequest(503, "the model is still loading");
            }
            if (stopping || a.batcher().refusing() && !a.retired().get()) { // answer overload before paying for the parse
                throw new BadRequest(503, BUSY);
            }
            float[][] images = reader.read(body, a);
            pending = a.batcher().submit(images);
            // the version retired between our look and the submit: the next one (same input shape) takes it
            for (int tries = 0; pending == null && a.retired().get() && !stopping && tries < 3; tries++) {
                a = active;
                pending = a.batcher().submit(images);
            }
            if (pending == null) {
                throw new BadRequest(503, BUSY);
            }
        } catch (BadRequest e) {
            finish(ctx, start, json(e.status(), error(e.getMessage())));
            return;
        } catch (RuntimeException | IOException e) {
            finish(ctx, start, json(500, error("prediction failed: " + e.getMessage())));
            return;
        }
        Active took = a;
        CompletableFuture<Void> answered = pending.orTimeout(ANSWER_TIMEOUT_MS, TimeUnit.MILLISECONDS).handleAsync((preds, err) -> {
            Reply r;
            if (err == null) {
                r = json(200, writer.write(took, preds));
            } else {
                Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
                r = cause instanceof TimeoutException ? json(503, error("no answer within " + ANSWER_TIMEOUT_MS / 1000 + " s"))
                        : json(500, error("prediction failed: " + cause.getMessage()));
            }
            finish(ctx, start, r);
            return null;
        }, responders);
        ctx.future(() -> answered);
    }

    private void answerNow(Context ctx, Reply r) {
        inFlight.incrementAndGet();
        finish(ctx, System.nanoTime(), r);
    }

    private void finish(Context ctx, long start, Reply r) {
        try {
            if (r.status() == 503) {
                ctx.header("Retry-After", "1");
            }
            reply(ctx, r);
            metrics.recordRequest(r.status(), (System.nanoTime() - start) / 1e9);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    static Map<String, Object> predictionsBody(ServedVersion v, ExitPrediction[] preds) {
        List<String> names = v.predictor().classNames();
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
        body.put("model", v.modelId());
        body.put("model_version", v.version());
        return body;
    }

    // ---------------------------------------------------------------- admin

    /** {@code POST /v1/admin/reload}: from this machine only, or with {@code Authorization: Bearer TOKEN} when a token is set. */
    private void reload(Context ctx) {
        String token = config.adminToken();
        if (token != null && !token.isEmpty()) {
            String auth = ctx.header("Authorization");
            if (auth == null || !java.security.MessageDigest.isEqual(("Bearer " + token).getBytes(UTF8), auth.getBytes(UTF8))) {
                reply(ctx, json(401, error("POST /v1/admin/reload needs the header 'Authorization: Bearer <the --admin-token>'")));
                return;
            }
        } else if (!loopback(ctx.req().getRemoteAddr())) {
            reply(ctx, json(403, error("POST /v1/admin/reload is only taken from this machine (start with --admin-token to allow others)")));
            return;
        }
        Supplier<Object> hook = reloadHook;
        if (hook == null) {
            reply(ctx, json(409, error("nothing to reload: this server serves one bundle (start with --model-dir DIR to swap versions)")));
            return;
        }
        reply(ctx, json(200, hook.get()));
    }

    static boolean loopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- plumbing

    static Reply loading() {
        return json(503, error("the model is still loading"));
    }

    private static byte[] readLimited(Context ctx, int max) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) {
            throw new BadRequest(413, "the body is larger than " + max + " bytes; send fewer images per request");
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] b = in.readNBytes(max + 1);
            if (b.length > max) {
                throw new BadRequest(413, "the body is larger than " + max + " bytes; send fewer images per request");
            }
            return b;
        }
    }

    static Map<String, Object> error(String message) {
        return Map.of("error", message);
    }

    static Reply json(int status, Object body) {
        try {
            return new Reply(status, "application/json", COMPACT.writeValueAsBytes(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a reply", e);
        }
    }

    static void reply(Context ctx, Reply r) {
        ctx.status(r.status());
        ctx.contentType(r.contentType());
        ctx.result(r.body());
    }

    /**
     * Graceful stop: refuse new predictions (503), let every request already taken finish (their queued images
     * are still predicted) for at most {@code graceSeconds}, then close the listener and stop the batcher.
     */
    public void shutdown(int graceSeconds) {
        stopping = true;
        Active a = active;
        if (a != null) {
            a.batcher().stopAccepting();
        }
        long end = System.currentTimeMillis() + graceSeconds * 1000L;
        try {
            while (inFlight.get() > 0 && System.currentTimeMillis() < end) {
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        app.stop();
        if (a != null) {
            a.batcher().close();
        }
        responders.shutdown();
        retirer.shutdown();
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

    /** For the endpoints of other protocols: the version answering now (null while loading). */
    Active active() {
        return active;
    }
}
