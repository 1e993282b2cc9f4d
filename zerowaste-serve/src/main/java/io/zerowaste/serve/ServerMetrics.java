package io.zerowaste.serve;

import io.zerowaste.exits.predict.ExitPrediction;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Counters for {@code GET /metrics} in the Prometheus text format: requests by status, latency and batch-size
 * histograms, exits per head, MACs spent and the MACs a plain backbone would have spent on the same images.
 */
public final class ServerMetrics {

    static final double[] LATENCY_BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512};

    private final Map<Integer, AtomicLong> requestsByStatus = new TreeMap<>();
    private final Histogram latency = new Histogram(LATENCY_BUCKETS);
    private final Histogram batchSize = new Histogram(BATCH_BUCKETS);
    private final AtomicLongArray exits;
    private final DoubleAdder macsSpent = new DoubleAdder();
    private final DoubleAdder macsBackbone = new DoubleAdder();

    public ServerMetrics(int heads) {
        this.exits = new AtomicLongArray(heads);
    }

    public void recordRequest(int status, double seconds) {
        synchronized (requestsByStatus) {
            requestsByStatus.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
        }
        latency.observe(seconds);
    }

    public void recordBatch(int size, ExitPrediction[] predictions, long backboneMacs) {
        batchSize.observe(size);
        for (ExitPrediction p : predictions) {
            exits.incrementAndGet(p.exitHead());
            macsSpent.add(p.costFraction() * backboneMacs);
            macsBackbone.add(backboneMacs);
        }
    }

    public String prometheus() {
        StringBuilder sb = new StringBuilder();
        sb.append("# HELP zerowaste_requests_total Predict requests answered, by HTTP status.\n");
        sb.append("# TYPE zerowaste_requests_total counter\n");
        synchronized (requestsByStatus) {
            requestsByStatus.forEach((s, c) -> sb.append("zerowaste_requests_total{status=\"").append(s).append("\"} ").append(c.get()).append('\n'));
        }
        latency.write(sb, "zerowaste_request_latency_seconds", "Time from receiving a predict request to answering it.");
        batchSize.write(sb, "zerowaste_batch_size", "Images per micro-batch run through the model.");
        sb.append("# HELP zerowaste_exits_total Images that left at each exit head (the last is the final classifier).\n");
        sb.append("# TYPE zerowaste_exits_total counter\n");
        for (int h = 0; h < exits.length(); h++) {
            sb.append("zerowaste_exits_total{head=\"").append(h).append("\"} ").append(exits.get(h)).append('\n');
        }
        sb.append("# HELP zerowaste_macs_spent_total Multiply-accumulates spent on predictions, heads included.\n");
        sb.append("# TYPE zerowaste_macs_spent_total counter\n");
        sb.append("zerowaste_macs_spent_total ").append(fmt(macsSpent.sum())).append('\n');
        sb.append("# HELP zerowaste_macs_backbone_total Multiply-accumulates a plain backbone would have spent on the same images.\n");
        sb.append("# TYPE zerowaste_macs_backbone_total counter\n");
        sb.append("zerowaste_macs_backbone_total ").append(fmt(macsBackbone.sum())).append('\n');
        return sb.toString();
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.6g", v);
    }

    /** A cumulative Prometheus histogram. */
    static final class Histogram {
        private final double[] bounds;
        private final AtomicLongArray counts;
        private final DoubleAdder sum = new DoubleAdder();
        private final AtomicLong count = new AtomicLong();

        Histogram(double[] bounds) {
            this.bounds = bounds;
            this.counts = new AtomicLongArray(bounds.length);
        }

        void observe(double v) {
            for (int i = 0; i < bounds.length; i++) {
                if (v <= bounds[i]) {
                    counts.incrementAndGet(i);
                    break;
                }
            }
            sum.add(v);
            count.incrementAndGet();
        }

        void write(StringBuilder sb, String name, String help) {
            sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
            sb.append("# TYPE ").append(name).append(" histogram\n");
            long cumulative = 0;
            for (int i = 0; i < bounds.length; i++) {
                cumulative += counts.get(i);
                sb.append(name).append("_bucket{le=\"").append(fmt(bounds[i])).append("\"} ").append(cumulative).append('\n');
            }
            sb.append(name).append("_bucket{le=\"+Inf\"} ").append(count.get()).append('\n');
            sb.append(name).append("_sum ").append(fmt(sum.sum())).append('\n');
            sb.append(name).append("_count ").append(count.get()).append('\n');
        }
    }
}
