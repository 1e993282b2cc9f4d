package io.zerowaste.serve.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.zerowaste.core.io.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A load generator for {@code POST /v1/predict} on Java's HttpClient. Closed loop: {@code concurrency} clients
 * each send the next request as soon as the previous answer arrives. Open loop ({@code rate} &gt; 0): requests
 * leave on a fixed schedule whatever the server does (at most {@code concurrency} × 64 in flight), which is how
 * overload is produced. Every 200 is checked against the expected label and exit head when those are given. A share
 * of the requests can be {@link MalformedRequests}; their answers are counted apart from the others'.
 */
public final class LoadGenerator {

    /**
     * What one run measured. {@code byStatus}, {@code ok} and the latencies cover the well-formed requests,
     * {@code malformedByStatus} the malformed ones; {@code sent} counts both. {@code transportByCause} splits the
     * transport errors by the exception's class, message and first cause (e.g. a connect timeout against a reset).
     */
    public record Result(double seconds, long ok, Map<Integer, Long> byStatus, long transportErrors, double[] latenciesMs,
            long mismatches, long checked, long notSent, long sent, Map<Integer, Long> malformedByStatus,
            Map<String, Long> transportByCause) {

        /** Requests that got an HTTP answer, well-formed or not. */
        public long answered() {
            return byStatus.values().stream().mapToLong(Long::longValue).sum()
                    + malformedByStatus.values().stream().mapToLong(Long::longValue).sum();
        }

        public double requestsPerSecond() {
            return ok / seconds;
        }

        public double percentileMs(double p) {
            if (latenciesMs.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(p / 100 * latenciesMs.length) - 1;
            return latenciesMs[Math.max(0, Math.min(latenciesMs.length - 1, i))];
        }
    }

    private final URI url;
    private final List<byte[]> bodies;
    private final int[][] expectedLabel;
    private final int[][] expectedHead;
    private final HttpClient client;
    private final double malformedFraction;

    /**
     * @param bodies request bodies, sent round-robin
     * @param expectedLabel per body, the labels the server should answer, one per image (null: no check)
     * @param expectedHead per body, the exit heads (null: no check)
     */
    public LoadGenerator(URI url, List<byte[]> bodies, int[][] expectedLabel, int[][] expectedHead, int threads) {
        this(url, bodies, expectedLabel, expectedHead, threads, 0);
    }

    /** @param malformedFraction the share of requests that are {@link MalformedRequests}, in [0, 1) */
    public LoadGenerator(URI url, List<byte[]> bodies, int[][] expectedLabel, int[][] expectedHead, int threads,
            double malformedFraction) {
        if (!(malformedFraction >= 0 && malformedFraction < 1)) {
            throw new IllegalArgumentException("the malformed share must be in [0, 1), got " + malformedFraction);
        }
        this.malformedFraction = malformedFraction;
        this.url = url;
        this.bodies = bodies;
        this.expectedLabel = expectedLabel;
        this.expectedHead = expectedHead;
        this.client = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(Math.max(2, threads)))
                .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    }

    private volatile java.util.Queue<String> timeline;
    private volatile long timelineStart;

    /**
     * Keeps one CSV line per answered well-formed request, {@code sent_s,latency_ms,status,model_version} (seconds
     * since the run started): how latency moved during the run, e.g. around a model swap.
     */
    public java.util.Queue<String> recordTimeline() {
        timeline = new java.util.concurrent.ConcurrentLinkedQueue<>();
        return timeline;
    }

    public Result run(int concurrency, Duration duration, double rate) throws InterruptedException {
        Recorder rec = new Recorder();
        long start = System.nanoTime();
        timelineStart = start;
        long end = start + duration.toNanos();
        if (rate > 0) {
            openLoop(concurrency, end, rate, rec, start);
        } else {
            closedLoop(concurrency, end, rec);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] lat = rec.latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        long transport = rec.transportCauses.values().stream().mapToLong(Long::longValue).sum();
        return new Result(seconds, rec.ok.get(), new TreeMap<>(rec.status), transport, lat, rec.mismatches.get(),
                rec.checked.get(), rec.notSent.get(), rec.sent.get(), new TreeMap<>(rec.malformedStatus), new TreeMap<>(rec.transportCauses));
    }

    private void closedLoop(int concurrency, long end, Recorder rec) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicInteger next = new AtomicInteger();
        for (int c = 0; c < concurrency; c++) {
            pool.submit(() -> {
                while (System.nanoTime() < end) {
                    int k = next.getAndIncrement();
                    int i = Math.floorMod(k, bodies.size());
                    boolean bad = MalformedRequests.isMalformed(k, malformedFraction);
                    long t0 = System.nanoTime();
                    try {
                        rec.sent.incrementAndGet();
                        HttpResponse<String> r = client.send(request(k, i), HttpResponse.BodyHandlers.ofString());
                        rec.record(i, bad, r, t0, this);
                    } catch (java.io.IOException e) {
                        rec.transportError(e);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
    }

    private void openLoop(int concurrency, long end, double rate, Recorder rec, long start) throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency * 64);
        long periodNanos = (long) (1e9 / rate);
        long k = 0;
        while (true) {
            long due = start + k * periodNanos;
            if (due >= end) {
                break;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            if (!inFlight.tryAcquire()) {
                rec.notSent.incrementAndGet(); // the generator itself is at its in-flight cap
                k++;
                continue;
            }
            int i = (int) (k % bodies.size());
            boolean bad = MalformedRequests.isMalformed(k, malformedFraction);
            long t0 = System.nanoTime();
            rec.sent.incrementAndGet();
            client.sendAsync(request(k, i), HttpResponse.BodyHandlers.ofString()).whenComplete((r, err) -> {
                try {
                    if (err != null) {
                        rec.transportError(err);
                    } else {
                        rec.record(i, bad, r, t0, this);
                    }
                } finally {
                    inFlight.release(); // only once counted: the final acquire then waits for every answer to be recorded
                }
            });
            k++;
        }
        inFlight.acquire(concurrency * 64); // wait for the stragglers
    }

    /** Request k of the run: well-formed body i, or a malformed one. */
    private HttpRequest request(long k, int i) {
        byte[] body = MalformedRequests.isMalformed(k, malformedFraction)
                ? MalformedRequests.body((long) Math.floor(k * malformedFraction)) : bodies.get(i);
        return HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    boolean matches(int i, String body) {
        if (expectedLabel == null) {
            return true;
        }
        try {
            JsonNode ps = Json.MAPPER.readTree(body).path("predictions");
            if (ps.size() != expectedLabel[i].length) {
                return false;
            }
            for (int k = 0; k < ps.size(); k++) {
                JsonNode p = ps.get(k);
                if (p.path("label").asInt() != expectedLabel[i][k]
                        || (expectedHead != null && p.path("exit_head").asInt() != expectedHead[i][k])) {
                    return false;
                }
            }
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static final class Recorder {
        final AtomicLong ok = new AtomicLong();
        final AtomicLong notSent = new AtomicLong();
        final AtomicLong mismatches = new AtomicLong();
        final AtomicLong checked = new AtomicLong();
        final AtomicLong sent = new AtomicLong();
        final Map<Integer, Long> status = new ConcurrentHashMap<>();
        final Map<Integer, Long> malformedStatus = new ConcurrentHashMap<>();
        final Map<String, Long> transportCauses = new ConcurrentHashMap<>();
        final List<Double> latencies = java.util.Collections.synchronizedList(new ArrayList<>());

        /**
         * A request that got no HTTP answer, counted by its exception (async ones arrive wrapped in a
         * CompletionException) and that exception's own first cause, e.g. "ConnectException <- ClosedChannelException".
         */
        void transportError(Throwable e) {
            Throwable t = e;
            while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException)
                    && t.getCause() != null) {
                t = t.getCause();
            }
            String key = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage())
                    + (t.getCause() == null || t.getCause() == t ? "" : " <- " + t.getCause().getClass().getSimpleName());
            transportCauses.merge(key, 1L, Long::sum);
        }

        void record(int i, boolean malformed, HttpResponse<String> r, long sentNanos, LoadGenerator g) {
            double ms = (System.nanoTime() - sentNanos) / 1e6;
            if (malformed) {
                malformedStatus.merge(r.statusCode(), 1L, Long::sum);
                return;
            }
            status.merge(r.statusCode(), 1L, Long::sum);
            java.util.Queue<String> tl = g.timeline;
            if (tl != null) {
                tl.add(String.format(java.util.Locale.ROOT, "%.4f,%.3f,%d,%s", (sentNanos - g.timelineStart) / 1e9, ms, r.statusCode(),
                        r.statusCode() == 200 ? versionOf(r.body()) : ""));
            }
            if (r.statusCode() == 200) {
                ok.incrementAndGet();
                latencies.add(ms);
                if (g.expectedLabel != null) {
                    checked.incrementAndGet();
                    if (!g.matches(i, r.body())) {
                        mismatches.incrementAndGet();
                    }
                }
            }
        }
    }

    private static String versionOf(String body) {
        int k = body.lastIndexOf("\"model_version\":\"");
        if (k < 0) {
            return "";
        }
        int from = k + "\"model_version\":\"".length();
        int to = body.indexOf('"', from);
        return to < 0 ? "" : body.substring(from, to);
    }

    /** Parses "20s", "500ms", "2m" or a plain number of seconds. */
    public static Duration parseDuration(String s) {
        String t = s.trim().toLowerCase();
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofMillis((long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            }
            if (t.endsWith("m")) {
                return Duration.ofMillis((long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 60_000));
            }
            return Duration.ofMillis((long) (Double.parseDouble(t) * 1000));
        } catch (NumberFormatException e) {
            throw io.zerowaste.core.ZeroWasteException.badInput("cannot read the duration '" + s + "' (use e.g. 20s, 500ms or 2m)");
        }
    }

    public static String describe(Result r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(java.util.Locale.ROOT, "requests/s %.1f  (%d answered 200 in %.1f s)%n", r.requestsPerSecond(), r.ok(), r.seconds()));
        sb.append(String.format(java.util.Locale.ROOT, "latency ms  p50 %.2f  p95 %.2f  p99 %.2f%n", r.percentileMs(50), r.percentileMs(95),
                r.percentileMs(99)));
        sb.append("statuses    ").append(r.byStatus()).append("  transport errors ").append(r.transportErrors());
        if (r.notSent() > 0) {
            sb.append("  not sent (the generator at its in-flight cap) ").append(r.notSent());
        }
        sb.append('\n');
        if (!r.transportByCause().isEmpty()) {
            sb.append("transport   ").append(r.transportByCause()).append('\n');
        }
        if (!r.malformedByStatus().isEmpty()) {
            sb.append("malformed   ").append(r.malformedByStatus()).append('\n');
        }
        sb.append("sent        ").append(r.sent()).append(", answered ").append(r.answered()).append('\n');
        if (r.checked() > 0) {
            sb.append("checked     ").append(r.checked()).append(" answers against the offline predictor: ").append(r.mismatches())
                    .append(" differ\n");
        }
        return sb.toString();
    }

}
