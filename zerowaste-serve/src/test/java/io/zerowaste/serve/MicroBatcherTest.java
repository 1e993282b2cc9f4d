package io.zerowaste.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.zerowaste.exits.predict.ExitPrediction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class MicroBatcherTest {

    private static float[][] one(int label) {
        float[] px = new float[784];
        px[0] = label;
        return new float[][] {px};
    }

    @Test
    void flushesWhenTheBatchIsFullWithoutWaitingForTheTimer() throws Exception {
        FakePredictor fake = new FakePredictor();
        try (MicroBatcher b = new MicroBatcher(fake, 4, 60_000, 100, new ServerMetrics())) {
            long t0 = System.nanoTime();
            List<CompletableFuture<ExitPrediction[]>> all = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                all.add(b.submit(one(i)));
            }
            for (int i = 0; i < 8; i++) {
                assertThat(all.get(i).get()[0].label()).isEqualTo(i);
            }
            // a 60 s timer, yet everything is answered at once: full batches of 4 go without waiting
            assertThat((System.nanoTime() - t0) / 1e9).isLessThan(10);
            assertThat(fake.batchSizes).containsExactly(4, 4);
        }
    }

    @Test
    void flushesAPartialBatchWhenTheWaitIsOver() throws Exception {
        FakePredictor fake = new FakePredictor();
        try (MicroBatcher b = new MicroBatcher(fake, 64, 50, 100, new ServerMetrics())) {
            long t0 = System.nanoTime();
            CompletableFuture<ExitPrediction[]> a = b.submit(one(1));
            CompletableFuture<ExitPrediction[]> c = b.submit(one(2));
            assertThat(a.get()[0].label()).isEqualTo(1);
            assertThat(c.get()[0].label()).isEqualTo(2);
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(seconds).isGreaterThanOrEqualTo(0.04).isLessThan(5); // waited ~50 ms for company, then went
            assertThat(fake.batchSizes).containsExactly(2);
        }
    }

    @Test
    void refusesWhenTheQueueIsFull() throws Exception {
        FakePredictor fake = new FakePredictor();
        fake.gate = new CountDownLatch(1);
        try (MicroBatcher b = new MicroBatcher(fake, 1, 0, 2, new ServerMetrics())) {
            assertThat(b.submit(one(1))).isNotNull();
            Thread.sleep(100); // the worker holds it
            assertThat(b.submit(one(2))).isNotNull();
            assertThat(b.submit(one(3))).isNotNull();
            assertThat(b.submit(one(4))).isNull();
            fake.gate.countDown();
        }
    }
}
