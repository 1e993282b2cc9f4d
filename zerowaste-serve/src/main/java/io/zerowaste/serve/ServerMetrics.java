package io.zerowaste.serve;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.zerowaste.exits.predict.ExitPrediction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The server's metrics in a Micrometer Prometheus registry ({@code GET /metrics}): requests by status, latency and
 * batch-size histograms, exits per head, MACs spent and the MACs a plain backbone would have spent on the same
 * images, the served model version, swaps (done, failed, how long) and accuracy on a held-back labelled slice.
 * They live as long as the server, across model versions.
 */
public final class ServerMetrics {

    static final double[] LATENCY_BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<Integer, Counter> requestsByStatus = new ConcurrentHashMap<>();
    private final Map<Integer, Counter> exitsByHead = new ConcurrentHashMap<>();
    private final Timer latency;
    private final DistributionSummary batchSize;
    private final Counter macsSpent;
    private final Counter macsBackbone;
    private final Counter swaps;
    private final Counter failedSwaps;
    private final Timer swapDuration;
    private final MultiGauge modelInfo;
    private final AtomicReference<Double> monitorAccuracy = new AtomicReference<>(Double.NaN);
    private final LiveWindow window = new LiveWindow(10);

    public ServerMetrics() {
        Duration[] slo = new Duration[LATENCY_BUCKETS.length];
        for (int i = 0; i < slo.length; i++) {
            slo[i] = Duration.ofNanos((long) (LATENCY_BUCKETS[i] * 1e9));
        }
        latency = Timer.builder("zerowaste.request.latency").description("Time from receiving a predict request to answering it.")
                .serviceLevelObjectives(slo).register(registry);
        batchSize = DistributionSummary.builder("zerowaste.batch.size").description("Images per micro-batch run through the model.")
                .serviceLevelObjectives(BATCH_BUCKETS).register(registry);
        macsSpent = Counter.builder("zerowaste.macs.spent").description("Multiply-accumulates spent on predictions, heads included.")
                .register(registry);
        macsBackbone = Counter.builder("zerowaste.macs.backbone")
                .description("Multiply-accumulates a plain backbone would have spent on the same images.").register(registry);
        swaps = Counter.builder("zerowaste.swaps").description("Model versions swapped in after the first.").register(registry);
        failedSwaps = Counter.builder("zerowaste.swaps.failed")
                .description("Model versions that failed to load or warm up and were not swapped in.").register(registry);
        swapDuration = Timer.builder("zerowaste.swap.duration").description("Time to load, warm and swap in a new model version.")
                .register(registry);
        modelInfo = MultiGauge.builder("zerowaste.model.info").description("The served model version (value 1).").register(registry);
        Gauge.builder("zerowaste.monitor.accuracy", monitorAccuracy, AtomicReference::get)
                .description("Accuracy of the served version on the --monitor-data slice (NaN without one).").register(registry);
    }

    public void recordRequest(int status, double seconds) {
        requestsByStatus.computeIfAbsent(status, s -> Counter.builder("zerowaste.requests")
                .description("Predict requests answered, by HTTP status.").tag("status", String.valueOf(s)).register(registry)).increment();
        latency.record((long) (seconds * 1e9), TimeUnit.NANOSECONDS);
        window.record(status, seconds);
    }

    public void recordBatch(int size, ExitPrediction[] predictions, long backboneMacs) {
        batchSize.record(size);
        double spent = 0;
        for (ExitPrediction p : predictions) {
            exitsByHead.computeIfAbsent(p.exitHead(), h -> Counter.builder("zerowaste.exits")
                    .description("Images that left at each exit head (the last is the final classifier).")
                    .tag("head", String.valueOf(h)).register(registry)).increment();
            spent += p.costFraction() * backboneMacs;
        }
        macsSpent.increment(spent);
        macsBackbone.increment((double) predictions.length * backboneMacs);
    }

    /** The version now served (its model id, and the precision it computes in). */
    public void servedVersion(String version, String modelId, String precision) {
        modelInfo.register(List.of(MultiGauge.Row.of(Tags.of("version", version, "model", modelId, "precision", precision), 1)), true);
    }

    public void recordSwap(long nanos) {
        swaps.increment();
        swapDuration.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void recordFailedSwap() {
        failedSwaps.increment();
    }

    public void monitorAccuracy(double accuracy) {
        monitorAccuracy.set(accuracy);
    }

    /** The Prometheus text exposition. */
    public String prometheus() {
        return registry.scrape();
    }

    /** Figures for the live page. */
    public Snapshot snapshot() {
        Map<Integer, Long> exits = new TreeMap<>();
        exitsByHead.forEach((h, c) -> exits.put(h, (long) c.count()));
        Map<Integer, Long> statuses = new TreeMap<>();
        requestsByStatus.forEach((s, c) -> statuses.put(s, (long) c.count()));
        return new Snapshot(window.perSecond(), window.percentileMs(50), window.percentileMs(99), statuses, exits, macsSpent.count(),
                macsBackbone.count(), (long) swaps.count(), (long) failedSwaps.count(), monitorAccuracy.get());
    }

    /** What the live page shows: recent rate and latency, and the totals since start. */
    public record Snapshot(double requestsPerSecond, double p50Ms, double p99Ms, Map<Integer, Long> requestsByStatus,
            Map<Integer, Long> exitsByHead, double macsSpent, double macsBackbone, long swaps, long failedSwaps,
            double monitorAccuracy) {

        /** Share of the backbone's MACs not spent thanks to early exits (0 before any prediction). */
        public double macsSavedFraction() {
            return macsBackbone == 0 ? 0 : 1 - macsSpent / macsBackbone;
        }
    }
}
