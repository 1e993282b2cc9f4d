package io.zerowaste.serve;

import io.zerowaste.exits.predict.ExitPrediction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Answers label = first pixel mod 10 and exit head = second pixel mod 3, so each answer names its request. */
final class FakePredictor implements Predictor {

    final List<Integer> batchSizes = java.util.Collections.synchronizedList(new ArrayList<>());
    volatile long delayMs;
    volatile CountDownLatch gate; // when set, predictions wait for it
    volatile boolean closed; // a released version must never predict again
    volatile boolean warmed = true; // a version being loaded must never answer a request
    private final String id;

    FakePredictor() {
        this("fake@1");
    }

    FakePredictor(String id) {
        this.id = id;
    }

    @Override
    public ExitPrediction[] predict(float[][] images) {
        if (!warmed && !Thread.currentThread().getName().startsWith("warm")) {
            throw new IllegalStateException(id + " answered before it was loaded and warmed");
        }
        if (closed) {
            throw new IllegalStateException(id + " was released and still asked to predict");
        }
        batchSizes.add(images.length);
        try {
            CountDownLatch g = gate;
            if (g != null) {
                g.await();
            }
            if (delayMs > 0) {
                Thread.sleep(delayMs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ExitPrediction[] out = new ExitPrediction[images.length];
        for (int i = 0; i < images.length; i++) {
            int head = (int) images[i][1] % 3;
            out[i] = new ExitPrediction((int) images[i][0] % 10, 0.9f, head, (head + 1) / 3.0);
        }
        return out;
    }

    @Override
    public List<String> classNames() {
        return List.of("c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9");
    }

    @Override
    public int heads() {
        return 3;
    }

    @Override
    public long backboneMacs() {
        return 300;
    }

    @Override
    public String modelId() {
        return id;
    }
}
