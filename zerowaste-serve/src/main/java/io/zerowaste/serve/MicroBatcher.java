package io.zerowaste.serve;

import io.zerowaste.exits.predict.ExitPrediction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Gathers requests from many clients into micro-batches: one worker thread takes the oldest request, then
 * adds queued ones until the batch holds {@code maxBatch} images or {@code maxWaitMs} have passed since the
 * first arrived, runs the predictor once, and completes each request's future with its own rows. The queue is
 * bounded: {@link #submit} refuses (returns null) when it is full, so memory stays bounded under overload.
 */
public final class MicroBatcher implements AutoCloseable {

    /** One request: its images and where its predictions go. */
    record Job(float[][] images, CompletableFuture<ExitPrediction[]> result, long enqueuedNanos) {}

    private final Predictor predictor;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final BlockingQueue<Job> queue;
    private final ServerMetrics metrics;
    private final Thread worker;
    private volatile boolean accepting = true;
    private volatile boolean running = true;
    // requests taken and not yet answered; counted before the accepting check so that drain() misses none
    private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();
    private Job carried; // a job that did not fit in the previous batch

    public MicroBatcher(Predictor predictor, int maxBatch, int maxWaitMs, int queueCapacity, ServerMetrics metrics) {
        this(predictor, maxBatch, maxWaitMs, queueCapacity, metrics, "zerowaste-batcher");
    }

    public MicroBatcher(Predictor predictor, int maxBatch, int maxWaitMs, int queueCapacity, ServerMetrics metrics, String threadName) {
        this.predictor = predictor;
        this.maxBatch = maxBatch;
        this.maxWaitNanos = TimeUnit.MILLISECONDS.toNanos(maxWaitMs);
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.metrics = metrics;
        this.worker = new Thread(this::loop, threadName);
        worker.setDaemon(true);
        worker.start();
    }

    /** Queues a request; null when the queue is full or the server is shutting down. */
    public CompletableFuture<ExitPrediction[]> submit(float[][] images) {
        pending.incrementAndGet();
        if (!accepting) {
            pending.decrementAndGet();
            return null;
        }
        Job job = new Job(images, new CompletableFuture<>(), System.nanoTime());
        if (!queue.offer(job)) {
            pending.decrementAndGet();
            return null;
        }
        job.result().whenComplete((r, e) -> pending.decrementAndGet());
        return job.result();
    }

    /**
     * Stops taking requests, waits (at most {@code timeoutMs}) until every request already taken is answered,
     * then stops the worker: how a retired model version finishes its work before it is freed.
     *
     * @return whether everything taken was answered in time
     */
    public boolean drain(long timeoutMs) throws InterruptedException {
        accepting = false;
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (pending.get() > 0 && System.nanoTime() < end) {
            Thread.sleep(2);
        }
        boolean done = pending.get() == 0;
        close();
        return done;
    }

    /** Whether a request would be refused now (queue full or shutting down): lets the server skip parsing it. */
    public boolean refusing() {
        return !accepting || queue.remainingCapacity() == 0;
    }

    /** Stops taking new requests; those already queued are still answered. */
    public void stopAccepting() {
        accepting = false;
    }

    private void loop() {
        while (running) {
            List<Job> batch;
            try {
                batch = nextBatch();
            } catch (InterruptedException e) {
                return;
            }
            if (batch.isEmpty()) {
                continue;
            }
            run(batch);
        }
    }

    /** The next batch: the oldest job, then more until maxBatch images or maxWait after the first arrived. */
    List<Job> nextBatch() throws InterruptedException {
        Job first = carried != null ? carried : queue.poll(100, TimeUnit.MILLISECONDS);
        carried = null;
        if (first == null) {
            return List.of();
        }
        List<Job> batch = new ArrayList<>();
        batch.add(first);
        int images = first.images().length;
        long deadline = first.enqueuedNanos() + maxWaitNanos;
        while (images < maxBatch) {
            long wait = deadline - System.nanoTime();
            Job next = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
            if (next == null) {
                break;
            }
            if (images + next.images().length > maxBatch) {
                carried = next;
                break;
            }
            batch.add(next);
            images += next.images().length;
        }
        return batch;
    }

    private void run(List<Job> batch) {
        int n = batch.stream().mapToInt(j -> j.images().length).sum();
        float[][] all = new float[n][];
        int k = 0;
        for (Job j : batch) {
            for (float[] img : j.images()) {
                all[k++] = img;
            }
        }
        ExitPrediction[] out;
        try {
            out = predictor.predict(all);
        } catch (RuntimeException e) {
            batch.forEach(j -> j.result().completeExceptionally(e));
            return;
        }
        metrics.recordBatch(n, out, predictor.backboneMacs());
        int from = 0;
        for (Job j : batch) {
            int len = j.images().length;
            j.result().complete(Arrays.copyOfRange(out, from, from + len));
            from += len;
        }
    }

    @Override
    public void close() {
        accepting = false;
        running = false;
        worker.interrupt();
        Job j;
        while ((j = queue.poll()) != null) {
            j.result().completeExceptionally(new IllegalStateException("server stopped"));
        }
    }
}
