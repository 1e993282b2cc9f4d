package io.zerowaste.spark;

import ai.djl.ndarray.NDManager;
import io.zerowaste.exits.app.ExitsBundle;
import io.zerowaste.exits.predict.ExitPrediction;
import io.zerowaste.exits.predict.ExitTimings;
import io.zerowaste.exits.predict.ExitingPredictor;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One task's predictions: the partition's rows, lazily, in chunks of {@code batch × poolBatches} rows, each chunk
 * run by {@link ExitingPredictor#predictStream} with its undecided samples pooled across the chunk's batches, as
 * {@code predictAll} does for a whole data set. The bundle comes from the JVM's cache; the predictor is the task's own.
 */
final class PartitionPredictor implements MapPartitionsFunction<Row, Row> {

    /** Test only: failures injected in this JVM (a local-mode test checks one really happened). */
    static final java.util.concurrent.atomic.AtomicInteger INJECTED = new java.util.concurrent.atomic.AtomicInteger();

    private final Broadcast<BundleRef> bundle;
    private final double param;
    private final SparkExitOptions options;
    private final int idIndex;
    private final int pixelsIndex;

    PartitionPredictor(Broadcast<BundleRef> bundle, double param, SparkExitOptions options, int idIndex, int pixelsIndex) {
        this.bundle = bundle;
        this.param = param;
        this.options = options;
        this.idIndex = idIndex;
        this.pixelsIndex = pixelsIndex;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        ExitsBundle.Loaded b = ExecutorBundles.get(bundle.value());
        return new Predictions(rows, b, b.predictor(param), injectsFailure());
    }

    /** Test only: whether this task is the first attempt that must fail half-way through its first chunk. */
    private boolean injectsFailure() {
        TaskContext t = TaskContext.get();
        return t != null && t.partitionId() == options.failFirstAttemptOfPartition() && t.attemptNumber() == 0;
    }

    private final class Predictions implements Iterator<Row> {
        private final Iterator<Row> rows;
        private final ExitsBundle.Loaded b;
        private final ExitingPredictor predictor;
        private final PixelBatches batches;
        private final ArrayDeque<Row> ready = new ArrayDeque<>();
        private final boolean fail;
        private long emitted;
        private int firstChunk = -1;

        Predictions(Iterator<Row> rows, ExitsBundle.Loaded b, ExitingPredictor predictor, boolean fail) {
            this.rows = rows;
            this.b = b;
            this.predictor = predictor;
            this.batches = new PixelBatches(b.manifest().architecture(), b.manifest().normalization());
            this.fail = fail;
        }

        @Override
        public boolean hasNext() {
            while (ready.isEmpty() && rows.hasNext()) {
                predictChunk();
            }
            return !ready.isEmpty();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            if (fail && emitted == Math.max(1, firstChunk / 2)) {
                INJECTED.incrementAndGet();
                throw new IllegalStateException("injected failure: first attempt of partition "
                        + options.failFirstAttemptOfPartition() + " after " + emitted + " rows (test option)");
            }
            emitted++;
            return ready.poll();
        }

        private void predictChunk() {
            RowChunk chunk = RowChunk.take(rows, options.batch() * options.poolBatches(), idIndex, pixelsIndex,
                    b.manifest().architecture());
            int n = chunk.size();
            if (firstChunk < 0) {
                firstChunk = n;
            }
            ExitPrediction[] out;
            try (NDManager manager = NDManager.newBaseManager()) {
                out = predictor.predictStream(manager, batches.inOrder(manager, chunk.pixels(), n, options.batch()), n,
                        options.batch(), new ExitTimings(b.model().backbone().numStages()), true);
            }
            List<String> names = b.manifest().classNames();
            for (int k = 0; k < n; k++) {
                Row r = chunk.rows().get(k);
                ExitPrediction p = out[k];
                Object[] v = new Object[r.size() + 5];
                for (int i = 0; i < r.size(); i++) {
                    v[i] = r.get(i);
                }
                v[r.size()] = p.label();
                v[r.size() + 1] = names.get(p.label());
                v[r.size() + 2] = p.confidence();
                v[r.size() + 3] = p.exitHead();
                v[r.size() + 4] = p.costFraction();
                ready.add(RowFactory.create(v));
            }
        }
    }
}
