package io.zerowaste.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load on {@code POST /v1/predict} for as long as a lifecycle runs, every answer kept with its time, so what clients
 * saw during each swap can be told from the steady state: closed loop ({@code rate} 0: {@code concurrency} clients,
 * each sending again as soon as it is answered) or a fixed rate with at most {@code concurrency} in flight.
 */
final class LoadTimeline {

    /** One answer: when it arrived (epoch ms), its status ("error": no answer), latency, and the model version it names. */
    record Answer(long atMs, String status, double latencyMs, String version) {}

    private static final Pattern VERSION = Pattern.compile("\"model_version\"\\s*:\\s*\"([^\"]*)\"");
    private final URI url;
    private final List<byte[]> bodies;
    private final int concurrency;
    private final double rate;
    private final HttpClient client;
    private final ExecutorService pool;
    private final List<Answer> answers = new ArrayList<>();
    private final Semaphore inFlight;
    private volatile boolean running = true;
    private final List<Thread> threads = new ArrayList<>();
    private long sent;

    LoadTimeline(URI url, List<byte[]> bodies, int concurrency, double rate) {
        this.url = url;
        this.bodies = bodies;
        this.concurrency = concurrency;
        this.rate = rate;
        this.pool = Executors.newFixedThreadPool(Math.min(concurrency, 8), r -> {
            Thread t = new Thread(r, "zerowaste-load");
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder().executor(pool).connectTimeout(Duration.ofSeconds(5)).build();
        this.inFlight = new Semaphore(concurrency);
    }

    int concurrency() {
        return concurrency;
    }

    void start() {
        if (rate > 0) {
            threads.add(daemon(this::openLoop));
        } else {
            for (int c = 0; c < concurrency; c++) {
                int first = c;
                threads.add(daemon(() -> closedLoop(first)));
            }
        }
        threads.forEach(Thread::start);
    }

    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r, "zerowaste-load-driver");
        t.setDaemon(true);
        return t;
    }

    private void closedLoop(int next) {
        int i = next;
        while (running) {
            long t0 = System.nanoTime();
            try {
                HttpResponse<String> r = client.send(request(i), HttpResponse.BodyHandlers.ofString());
                record(t0, Integer.toString(r.statusCode()), r.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                record(t0, "error", null);
            }
            i += concurrency;
        }
    }

    private void openLoop() {
        long periodNs = (long) (1e9 / rate);
        long next = System.nanoTime();
        int i = 0;
        while (running) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                    inFlight.acquire();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } else {
                inFlight.acquireUninterruptibly();
            }
            next += periodNs;
            long t0 = System.nanoTime();
            client.sendAsync(request(i++), HttpResponse.BodyHandlers.ofString()).whenComplete((r, err) -> {
                record(t0, err != null ? "error" : Integer.toString(r.statusCode()), r == null ? null : r.body());
                inFlight.release();
            });
        }
    }

    private HttpRequest request(int i) {
        synchronized (this) {
            sent++;
        }
        return HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(Math.floorMod(i, bodies.size())))).build();
    }

    private void record(long t0, String status, String body) {
        double ms = (System.nanoTime() - t0) / 1e6;
        String version = null;
        if (body != null) {
            Matcher m = VERSION.matcher(body);
            version = m.find() ? m.group(1) : null;
        }
        Answer a = new Answer(System.currentTimeMillis(), status, ms, version);
        synchronized (answers) {
            answers.add(a);
        }
    }

    /** Stops sending and waits (at most 30 s) for what is in flight. */
    void stop() {
        running = false;
        threads.forEach(Thread::interrupt);
        if (rate > 0) {
            try {
                inFlight.tryAcquire(concurrency, 30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Thread t : threads) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        pool.shutdownNow();
    }

    List<Answer> answers() {
        synchronized (answers) {
            return List.copyOf(answers);
        }
    }

    static Map<String, Long> byStatus(List<Answer> a) {
        Map<String, Long> m = new TreeMap<>();
        a.forEach(x -> m.merge(x.status(), 1L, Long::sum));
        return m;
    }

    static double percentileMs(List<Answer> a, double p) {
        if (a.isEmpty()) {
            return Double.NaN;
        }
        double[] l = a.stream().mapToDouble(Answer::latencyMs).sorted().toArray();
        int i = (int) Math.ceil(p / 100 * l.length) - 1;
        return l[Math.max(0, Math.min(l.length - 1, i))];
    }
}
